using System.Diagnostics;

namespace Accrue.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster for one run: initdb in a temp folder as the postgres user,
/// loopback only, on its own port; stopped and removed at the end.
/// </summary>
sealed class PostgresCluster : IAsyncDisposable
{
    public const int Port = 55434;

    /// <summary>Modest tuning for a 2-core, 24 GB machine; durability stays on (fsync, synchronous_commit).</summary>
    public static readonly string[] Settings =
    [
        "listen_addresses=127.0.0.1", $"port={Port}", "shared_buffers=1GB", "effective_cache_size=8GB", "work_mem=16MB",
        "maintenance_work_mem=512MB", "max_wal_size=8GB", "checkpoint_timeout=15min", "max_connections=100",
        "fsync=on", "synchronous_commit=on", "jit=off",
    ];

    readonly string folder;
    bool started;

    PostgresCluster(string folder) => this.folder = folder;

    /// <summary>The server's process id, for CPU accounting.</summary>
    public int Postmaster => int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First());

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=accrue;Maximum Pool Size=64";

    public static async Task<PostgresCluster> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("accrue-bench-pg-").FullName;
        var cluster = new PostgresCluster(folder);
        try
        {
            await Run("chown", "postgres:postgres", folder);
            await AsPostgres("initdb", "-D", $"{folder}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
            var options = string.Join(' ', Settings.Select(s => $"-c {s}")) + $" -c unix_socket_directories={folder}";
            await AsPostgres("pg_ctl", "-D", $"{folder}/data", "-l", $"{folder}/server.log", "-o", options, "-w", "-t", "60", "start");
            cluster.started = true;
            await AsPostgres("psql", "-h", "127.0.0.1", "-p", $"{Port}", "-U", "postgres", "-qc", "CREATE DATABASE accrue");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    static Task AsPostgres(params string[] command) => Run("runuser", ["-u", "postgres", "--", .. command]);

    static async Task Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (started) await AsPostgres("pg_ctl", "-D", $"{folder}/data", "-m", "fast", "-w", "stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
