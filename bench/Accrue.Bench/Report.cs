using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Accrue.Data;
using Accrue.Engine.Deals;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Bench;

/// <summary>Where the figures were measured: they mean little without it.</summary>
sealed record BenchEnvironment(int Processors, string Cpu, string Runtime, string Os, string GitSha, string LoadAverageAtStart)
{
    public static BenchEnvironment Capture() => new(
        Environment.ProcessorCount,
        Read("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown",
        RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, Git("rev-parse", "--short=12", "HEAD"),
        Read("/proc/loadavg").Trim());

    static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    static string Git(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(10_000);
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}

/// <summary>How the loaded registrations fall into name blocks: what each conflict check has to read.</summary>
sealed record DataShape(int Blocks, int BlocksWithClaiming, double MeanClaimingPerBlock, int MaxClaimingPerBlock)
{
    public static async Task<DataShape> MeasureAsync(AccrueStorage storage)
    {
        await using var db = storage.Create(Actor.System);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        var blocks = await db.Deals.Select(d => d.CustomerNameBlock).Distinct().CountAsync();
        var claiming = await db.Deals
            .Where(d => d.Status == DealStatus.Submitted || d.Status == DealStatus.Approved || d.Status == DealStatus.Qualified
                        || d.Status == DealStatus.Proposal || d.Status == DealStatus.Negotiation)
            .GroupBy(d => d.CustomerNameBlock).Select(g => g.Count()).ToListAsync();
        return new DataShape(blocks, claiming.Count, claiming.Count == 0 ? 0 : claiming.Average(), claiming.DefaultIfEmpty().Max());
    }
}

/// <summary>What the measured registrations produced: proof that conflict detection did real work.</summary>
sealed record Outcome(int Registered, int WithRivalConflict, int WithPipelineConflict, int WithSignals, Dictionary<string, int> SignalsByKind)
{
    public static async Task<Outcome> MeasureAsync(AppUnderTest app)
    {
        await using var db = app.Db();
        // The clients' keys, not the history's (Dataset.IdempotencyRecordAt).
        var registered = await db.IdempotencyRecords.CountAsync(r => r.Key.StartsWith("bench-"));
        var rival = await db.DealConflicts.Where(c => c.Kind != ConflictKind.VendorPipeline).Select(c => c.DealId).Distinct().CountAsync();
        var pipeline = await db.DealConflicts.Where(c => c.Kind == ConflictKind.VendorPipeline).Select(c => c.DealId).Distinct().CountAsync();
        var signals = await db.DealSignals.Select(s => s.DealId).Distinct().CountAsync();
        var byKind = (await db.DealSignals.GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .ToDictionary(k => k.Key.ToString(), k => k.Count);
        return new Outcome(registered, rival, pipeline, signals, byKind);
    }
}

sealed record Report(
    Options Options, BenchEnvironment Environment, DateTimeOffset StartedAt, long Partners, long Registrations, int ClaimingRegistrations,
    long PipelineOpportunities, double LoadSeconds, double AnalyzeSeconds, DataShape Shape, int PartnerUsers, Window Warmup,
    IReadOnlyList<Window> Windows, Outcome Outcome, IReadOnlyList<string> DatabaseSettings, string DatabaseVersion)
{
    static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);

    Window Median => Windows.OrderBy(w => w.RequestsPerSecond).ElementAt(Windows.Count / 2);
    double MedianOf(Func<Window, double> metric) => Windows.Select(metric).Order().ElementAt(Windows.Count / 2);

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"Registration benchmark, {Options.Database} ({DatabaseVersion.Split(" on ")[0]}), {Registrations:N0} registrations, " +
                        $"{Options.Clients} clients, {Windows.Count} × {Options.Seconds} s");
        text.AppendLine();
        text.AppendLine("| Window | Requests | Req/s | p50 ms | p90 ms | p99 ms | max ms | Answers | CPU ms/req app | CPU ms/req clients | CPU ms/req PostgreSQL | Others' CPU |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        for (var i = 0; i < Windows.Count; i++) text.AppendLine(Row($"{i + 1}", Windows[i]));
        text.AppendLine($"| **median** | | **{F(MedianOf(w => w.RequestsPerSecond), "F0")}** | **{F(MedianOf(w => w.Percentile(.5)))}** | " +
                        $"**{F(MedianOf(w => w.Percentile(.9)))}** | **{F(MedianOf(w => w.Percentile(.99)))}** | **{F(MedianOf(w => w.MaxMs))}** | | **{F(MedianOf(w => w.SelfCpuMsPerRequest), "F2")}** | **{F(MedianOf(w => w.ClientsCpuMsPerRequest), "F2")}** | **{F(MedianOf(w => w.DatabaseCpuMsPerRequest), "F2")}** | **{F(MedianOf(w => w.OthersCpuShare), "P0")}** |");
        text.AppendLine();
        var registered = Math.Max(1, Outcome.Registered);
        text.AppendLine($"Registered during the run: {Outcome.Registered:N0}; with a conflict with another partner's registration: " +
                        $"{Outcome.WithRivalConflict:N0} ({F(100.0 * Outcome.WithRivalConflict / registered)}%); with the vendor's pipeline: " +
                        $"{Outcome.WithPipelineConflict:N0}; with fraud signals: {Outcome.WithSignals:N0} " +
                        $"({string.Join(", ", Outcome.SignalsByKind.Select(k => $"{k.Key} {k.Value:N0}"))}).");
        text.AppendLine($"Load: {Partners:N0} partners, {Registrations:N0} registrations ({ClaimingRegistrations:N0} claiming), {PipelineOpportunities:N0} " +
                        $"pipeline opportunities in {F(LoadSeconds)} s, then {F(AnalyzeSeconds)} s of statistics. Name blocks {Shape.Blocks:N0}, " +
                        $"claiming per block mean {F(Shape.MeanClaimingPerBlock)}, max {Shape.MaxClaimingPerBlock:N0}.");
        text.AppendLine($"Environment: {Environment.Processors} × {Environment.Cpu}, {Environment.Runtime}, {Environment.Os}, git {Environment.GitSha}, " +
                        $"load average at start {Environment.LoadAverageAtStart}; {DatabaseVersion}; settings: {string.Join(", ", DatabaseSettings)}.");
        return text.ToString();
    }

    static string Row(string name, Window w) =>
        $"| {name} | {w.Requests:N0} | {F(w.RequestsPerSecond, "F0")} | {F(w.Percentile(.5))} | {F(w.Percentile(.9))} | {F(w.Percentile(.99))} | " +
        $"{F(w.MaxMs)} | {string.Join(", ", w.Statuses.Select(s => $"{(s.Key == 0 ? "none" : s.Key)}×{s.Value:N0}"))} | " +
        $"{F(w.SelfCpuMsPerRequest, "F2")} | {F(w.ClientsCpuMsPerRequest, "F2")} | {F(w.DatabaseCpuMsPerRequest, "F2")} | {F(w.OthersCpuShare, "P0")} |";

    public string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"registration-{Options.Database}-{Registrations}-{StartedAt:yyyyMMdd'T'HHmmss}.json");
        object Summary(Window w) => new
        {
            w.Requests, w.Seconds, RequestsPerSecond = Math.Round(w.RequestsPerSecond, 1), P50Ms = w.Percentile(.5), P90Ms = w.Percentile(.9),
            P99Ms = w.Percentile(.99), w.MaxMs, w.MeanMs, w.SelfCpuMsPerRequest, w.ClientsCpuMsPerRequest, w.DatabaseCpuMsPerRequest, w.OthersCpuShare, w.Cpu, Statuses = w.Statuses.ToDictionary(s => s.Key.ToString(), s => s.Value), w.FirstErrors,
        };
        var json = new
        {
            Benchmark = "registration", Options, Environment, StartedAt, DatabaseVersion, DatabaseSettings,
            Load = new { Partners, Registrations, ClaimingRegistrations, PipelineOpportunities, PartnerUsers, LoadSeconds, AnalyzeSeconds, Shape },
            Warmup = Summary(Warmup), Windows = Windows.Select(Summary),
            Median = new
            {
                RequestsPerSecond = MedianOf(w => w.RequestsPerSecond), P50Ms = MedianOf(w => w.Percentile(.5)), P90Ms = MedianOf(w => w.Percentile(.9)),
                P99Ms = MedianOf(w => w.Percentile(.99)), MaxMs = MedianOf(w => w.MaxMs),
                SelfCpuMsPerRequest = MedianOf(w => w.SelfCpuMsPerRequest), ClientsCpuMsPerRequest = MedianOf(w => w.ClientsCpuMsPerRequest),
                DatabaseCpuMsPerRequest = MedianOf(w => w.DatabaseCpuMsPerRequest),
                OthersCpuShare = MedianOf(w => w.OthersCpuShare),
            },
            Outcome,
        };
        File.WriteAllText(file, JsonSerializer.Serialize(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        return file;
    }
}
