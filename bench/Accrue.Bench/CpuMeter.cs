using System.Diagnostics;

namespace Accrue.Bench;

/// <summary>CPU seconds used by this process (the app, and SQLite), by the client process, by the PostgreSQL server, and by the whole machine.</summary>
/// <remarks>
/// Others build and test on the same two cores; CPU per request is the figure that noise disturbs
/// least, and the machine's total shows how much of it the run had to itself.
/// </remarks>
readonly record struct CpuSample(double Self, double Clients, double Database, double MachineBusy, double MachineTotal, GcSample Gc)
{
    const double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuSample Take(int? postmaster, int clients)
    {
        using var self = Process.GetCurrentProcess();
        var machine = Machine();
        return new CpuSample(self.TotalProcessorTime.TotalSeconds, TreeSeconds(clients, withChildren: false),
                             postmaster is { } pid ? TreeSeconds(pid, withChildren: true) : 0, machine.Busy, machine.Total, GcSample.Take());
    }

    public static CpuSample operator -(CpuSample a, CpuSample b) =>
        new(a.Self - b.Self, a.Clients - b.Clients, a.Database - b.Database, a.MachineBusy - b.MachineBusy, a.MachineTotal - b.MachineTotal, a.Gc - b.Gc);

    /// <summary>A process, and with children its direct children (the PostgreSQL server and its backends).</summary>
    /// <remarks>
    /// With children, the root's cutime and cstime count too: the CPU of children that have ended
    /// (autovacuum workers, closed backends). Without them, a worker that ended during a window
    /// took its CPU out of the sum, and the difference could even be negative.
    /// </remarks>
    static double TreeSeconds(int root, bool withChildren)
    {
        double ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');   // fields from the 3rd (state) on: utime is [11], cutime [13]
                if (pid == root || (withChildren && int.Parse(fields[1]) == root)) ticks += double.Parse(fields[11]) + double.Parse(fields[12]);
                if (pid == root && withChildren) ticks += double.Parse(fields[13]) + double.Parse(fields[14]);
            }
            catch (IOException) { }   // the process ended meanwhile
        }
        return ticks / TicksPerSecond;
    }

    static (double Busy, double Total) Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        var idle = cpu[3] + cpu[4];
        var total = cpu.Take(8).Sum();
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }
}

/// <summary>The garbage collector's work in this process (the app, and the harness, which does little during a window).</summary>
readonly record struct GcSample(long AllocatedBytes, double PauseSeconds, int Gen0, int Gen1, int Gen2)
{
    public static GcSample Take() =>
        new(GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration().TotalSeconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public static GcSample operator -(GcSample a, GcSample b) =>
        new(a.AllocatedBytes - b.AllocatedBytes, a.PauseSeconds - b.PauseSeconds, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2);
}
