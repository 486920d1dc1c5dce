using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Accrue.Engine.Deals;

namespace Accrue.Bench;

/// <summary>
/// The clients run in a process of their own, so that the CPU the app uses and the CPU the load
/// generator uses are measured apart; they still share the machine's two cores.
/// </summary>
/// <remarks>
/// The child rebuilds the same deterministic dataset (to pick the same collision targets) and waits
/// for "run seconds maxRequests" lines on stdin; it answers each with one JSON line: the window.
/// </remarks>
sealed class ClientProcess : IAsyncDisposable
{
    public const string Command = "drive";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly Process process;
    readonly string tokensFile;

    ClientProcess(Process process, string tokensFile) => (this.process, this.tokensFile) = (process, tokensFile);

    public int Id => process.Id;

    public static async Task<ClientProcess> StartAsync(Uri baseAddress, string[] tokens, Options options, DateTimeOffset now)
    {
        var tokensFile = Path.GetTempFileName();
        await File.WriteAllLinesAsync(tokensFile, tokens);
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Command, "--url", baseAddress.ToString(), "--tokens", tokensFile, "--partners", $"{options.Partners}",
                     "--registrations", $"{options.Registrations}", "--now", now.ToString("O", CultureInfo.InvariantCulture),
                     "--collisions", options.Collisions.ToString(CultureInfo.InvariantCulture), "--clients", $"{options.Clients}",
                 })
            start.ArgumentList.Add(argument);
        // A load generator, not the app: one small heap is enough and leaves more of the two cores to the app.
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The client process did not start.");
        var clients = new ClientProcess(process, tokensFile);
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready != "ready")
        {
            await clients.DisposeAsync();
            throw new InvalidOperationException($"The client process did not get ready: {ready}");
        }
        return clients;
    }

    public async Task<Window> RunAsync(TimeSpan duration, long maxRequests)
    {
        await process.StandardInput.WriteLineAsync($"run {duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} {maxRequests}");
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The client process ended.");
        return JsonSerializer.Deserialize<Window>(line, Json)!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await process.StandardInput.WriteLineAsync("quit");
                await process.StandardInput.FlushAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await process.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) { process.Kill(); }
            }
        }
        finally
        {
            process.Dispose();
            File.Delete(tokensFile);
        }
    }

    /// <summary>The child's side: drives windows on command until told to quit.</summary>
    public static async Task<int> DriveAsync(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        var data = new Dataset(int.Parse(values["partners"]), int.Parse(values["registrations"]),
                               DateTimeOffset.Parse(values["now"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        var open = Enumerable.Range(0, data.Registrations).Select(data.DealAt).Where(d => DealLifecycle.IsClaiming(d.Status)).ToList();
        var tokens = await File.ReadAllLinesAsync(values["tokens"]);
        var collisions = double.Parse(values["collisions"], CultureInfo.InvariantCulture);
        using var driver = new Driver(new Uri(values["url"]), tokens, n => data.RequestAt(n, collisions, open), int.Parse(values["clients"]));
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } command && command.StartsWith("run ", StringComparison.Ordinal))
        {
            var parts = command.Split(' ');
            var window = await driver.RunAsync(TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture)), long.Parse(parts[2]));
            Console.WriteLine(JsonSerializer.Serialize(window, Json));
        }
        return 0;
    }
}
