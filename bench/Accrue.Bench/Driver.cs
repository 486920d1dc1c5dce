using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Accrue.Bench;

/// <summary>What one measured window saw: every latency, and the answers by status.</summary>
sealed record Window(long Requests, double Seconds, long[] LatencyTicks, SortedDictionary<int, long> Statuses, List<string> FirstErrors)
{
    /// <summary>CPU used during the window, set by the caller.</summary>
    public CpuSample Cpu { get; init; }
    public double RequestsPerSecond => Requests / Seconds;
    /// <summary>The app (and SQLite, which runs inside it).</summary>
    public double SelfCpuMsPerRequest => Cpu.Self * 1000 / Math.Max(1, Requests);
    public double ClientsCpuMsPerRequest => Cpu.Clients * 1000 / Math.Max(1, Requests);
    public double DatabaseCpuMsPerRequest => Cpu.Database * 1000 / Math.Max(1, Requests);
    public double AllocatedKbPerRequest => Cpu.Gc.AllocatedBytes / 1024.0 / Math.Max(1, Requests);
    /// <summary>The share of the machine's CPU that other processes (other people's builds) took during the window.</summary>
    public double OthersCpuShare => Cpu.MachineTotal <= 0 ? 0 : Math.Max(0, Cpu.MachineBusy - Cpu.Self - Cpu.Clients - Cpu.Database) / Cpu.MachineTotal;
    public double Percentile(double p) => LatencyTicks.Length == 0 ? 0
        : LatencyTicks[Math.Clamp((int)Math.Ceiling(p * LatencyTicks.Length) - 1, 0, LatencyTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    public double MaxMs => LatencyTicks.Length == 0 ? 0 : LatencyTicks[^1] * 1000.0 / Stopwatch.Frequency;
    public double MeanMs => LatencyTicks.Length == 0 ? 0 : LatencyTicks.Average() * 1000.0 / Stopwatch.Frequency;
}

/// <summary>C closed-loop clients, each sending one registration after another over keep-alive HTTP/1.1.</summary>
sealed class Driver(Uri baseAddress, string[] tokens, Func<long, DealBody> bodies, int clients) : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    readonly string run = Guid.NewGuid().ToString("N")[..8];
    readonly HttpClient http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false, AllowAutoRedirect = false,
    })
    {
        BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };
    long next = -1;

    /// <summary>Sends for <paramref name="duration"/> (at most <paramref name="maxRequests"/>); counts the requests that start within it.</summary>
    public async Task<Window> RunAsync(TimeSpan duration, long maxRequests)
    {
        var from = Stopwatch.GetTimestamp();
        var until = from + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var budget = maxRequests;
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(65_536);
            var statuses = new Dictionary<int, long>();
            var errors = new List<string>();
            long last = from;
            while (Interlocked.Decrement(ref budget) >= 0)
            {
                var n = Interlocked.Increment(ref next);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deals") { Content = JsonContent.Create(bodies(n), options: Json) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[n % tokens.Length]);
                request.Headers.Add("Idempotency-Key", $"bench-{run}-{n}");
                var started = Stopwatch.GetTimestamp();
                if (started >= until) break;
                int status;
                try
                {
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    status = (int)response.StatusCode;
                    if (status != 201 && errors.Count < 3) errors.Add($"{status}: {body}");
                }
                catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                    if (errors.Count < 3) errors.Add($"no answer: {failure.Message}");
                }
                last = Stopwatch.GetTimestamp();
                latencies.Add(last - started);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
            return (latencies, statuses, errors, last);
        })));

        var all = results.SelectMany(r => r.latencies).ToArray();
        Array.Sort(all);
        var byStatus = new SortedDictionary<int, long>();
        foreach (var (status, count) in results.SelectMany(r => r.statuses)) byStatus[status] = byStatus.GetValueOrDefault(status) + count;
        var seconds = (results.Max(r => r.last) - from) / (double)Stopwatch.Frequency;
        return new Window(all.Length, seconds, all, byStatus, [.. results.SelectMany(r => r.errors).Take(5)]);
    }

    public void Dispose() => http.Dispose();
}
