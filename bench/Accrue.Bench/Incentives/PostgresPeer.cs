using Npgsql;
using NpgsqlTypes;

namespace Accrue.Bench.Incentives;

/// <summary>
/// PostgreSQL SQL: the dataset copied in by binary COPY into UNLOGGED tables of a schema of its own
/// (the ingest, timed apart), VACUUM ANALYZE and pg_prewarm when the extension is there, then the
/// DuckDB peer's statement ported: integer division is `/` on bigint, `div`/`mod` on numeric, and
/// SUM of bigint (numeric in PostgreSQL) is cast back. Parallelism is max_parallel_workers_per_gather;
/// JIT is off. Results come back as .NET rows.
/// </summary>
sealed class PostgresPeer : IDisposable
{
    readonly NpgsqlConnection connection;
    readonly string schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
    readonly int partners;
    readonly long budgetCents;

    public PostgresPeer(string connectionString, IncentiveDataset data, long budgetCents)
    {
        (partners, this.budgetCents) = (data.Partners, budgetCents);
        connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute($"CREATE SCHEMA {schema}");
        Execute($"CREATE UNLOGGED TABLE {schema}.deals (partner integer, product smallint, stage smallint, close_day smallint, cents bigint, new_logo boolean)");
        Execute($"CREATE UNLOGGED TABLE {schema}.completions (partner integer, certification smallint, day smallint)");
        using (var copy = connection.BeginBinaryImport($"COPY {schema}.deals FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < data.Deals; i++)
            {
                copy.StartRow();
                copy.Write(data.Partner[i], NpgsqlDbType.Integer);
                copy.Write((short)data.Product[i], NpgsqlDbType.Smallint);
                copy.Write((short)data.Stage[i], NpgsqlDbType.Smallint);
                copy.Write(data.CloseDay[i], NpgsqlDbType.Smallint);
                copy.Write(data.AmountCents[i], NpgsqlDbType.Bigint);
                copy.Write(data.NewLogo[i], NpgsqlDbType.Boolean);
            }
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport($"COPY {schema}.completions FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < data.CompletionPartner.Length; i++)
            {
                copy.StartRow();
                copy.Write(data.CompletionPartner[i], NpgsqlDbType.Integer);
                copy.Write((short)data.Certification[i], NpgsqlDbType.Smallint);
                copy.Write(data.CompletedDay[i], NpgsqlDbType.Smallint);
            }
            copy.Complete();
        }
        Execute($"VACUUM ANALYZE {schema}.deals");
        Execute($"VACUUM ANALYZE {schema}.completions");
        Prewarmed = TryPrewarm();
        Execute("SET jit = off");
    }

    /// <summary>Whether pg_prewarm loaded the tables into shared buffers (the extension may be absent).</summary>
    public bool Prewarmed { get; }

    public string Version => (string)Scalar("SELECT version()")!;

    bool TryPrewarm()
    {
        try
        {
            Execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            Scalar($"SELECT pg_prewarm('{schema}.deals') + pg_prewarm('{schema}.completions')");
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <param name="workers">max_parallel_workers_per_gather: 0 for one process, 2 beside the leader.</param>
    public PartnerResult[] Calculate(int workers)
    {
        Execute($"SET max_parallel_workers_per_gather = {workers}");
        using var command = new NpgsqlCommand(Sql, connection);
        var results = new PartnerResult[partners];
        using var reader = command.ExecuteReader();
        while (reader.Read())
            results[reader.GetInt32(0)] = new PartnerResult(reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        return results;
    }

    string Sql => $"""
        WITH won AS (
            SELECT partner,
                   SUM(CASE WHEN close_day >= {IncentiveDataset.YearFrom} THEN cents ELSE 0 END)::bigint AS ttm,
                   SUM(CASE WHEN close_day >= {IncentiveDataset.QuarterFrom} THEN cents ELSE 0 END)::bigint AS q,
                   SUM(CASE WHEN close_day >= {IncentiveDataset.PreviousFrom} AND close_day < {IncentiveDataset.QuarterFrom} THEN cents ELSE 0 END)::bigint AS pq,
                   SUM(CASE WHEN close_day < {IncentiveDataset.QuarterFrom} THEN 0
                            WHEN product IN (3, 7) AND cents >= 1000000 THEN 50000
                            WHEN new_logo THEN 30000 ELSE 0 END)::bigint AS spiff
            FROM {schema}.deals WHERE stage = {IncentiveDataset.Won} GROUP BY partner),
        certified AS (
            SELECT partner, COUNT(DISTINCT certification) AS n FROM {schema}.completions WHERE day >= {IncentiveDataset.YearFrom} GROUP BY partner),
        base AS (
            SELECT p AS partner, COALESCE(w.ttm, 0) AS ttm, COALESCE(w.q, 0) AS q, COALESCE(w.pq, 0) AS pq,
                   COALESCE(w.spiff, 0) AS spiff, COALESCE(c.n, 0) AS n
            FROM generate_series(0, {partners - 1}) p LEFT JOIN won w ON w.partner = p LEFT JOIN certified c ON c.partner = p),
        tiered AS (
            SELECT *, CASE WHEN ttm >= 500000000 AND n >= 3 THEN 3 WHEN ttm >= 100000000 AND n >= 2 THEN 2
                           WHEN ttm >= 25000000 THEN 1 ELSE 0 END AS tier
            FROM base),
        paid AS (
            SELECT partner, tier, spiff,
                   LEAST(((LEAST(q, 5000000) * 200 + GREATEST(LEAST(q, 25000000) - 5000000, 0) * 300 + GREATEST(q - 25000000, 0) * 500)
                          * (CASE tier WHEN 0 THEN 100 WHEN 1 THEN 110 WHEN 2 THEN 125 ELSE 150 END) + 500000) / 1000000, 10000000) AS rebate,
                   CASE WHEN pq > 0 AND q * 100 >= pq * 110 THEN LEAST((q - pq + 50) / 100, 2500000) ELSE 0 END AS bonus
            FROM tiered),
        totals AS (SELECT *, rebate + spiff + bonus AS total FROM paid),
        whole AS (SELECT SUM(total) AS s FROM totals),
        shared AS (
            SELECT t.*, w.s,
                   CASE WHEN w.s <= {budgetCents} THEN t.total ELSE div({budgetCents}::numeric * t.total, w.s)::bigint END AS part,
                   CASE WHEN w.s <= {budgetCents} THEN 0 ELSE mod({budgetCents}::numeric * t.total, w.s) END AS remainder
            FROM totals t, whole w),
        ranked AS (
            SELECT *, ROW_NUMBER() OVER (ORDER BY remainder DESC, partner) AS place, {budgetCents} - SUM(part) OVER () AS left_over FROM shared)
        SELECT partner, tier, rebate, spiff, bonus,
               (CASE WHEN s > {budgetCents} AND place <= left_over THEN part + 1 ELSE part END)::bigint AS prorated
        FROM ranked ORDER BY partner
        """;

    void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.ExecuteNonQuery();
    }

    object? Scalar(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        try
        {
            Execute($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
        finally
        {
            connection.Dispose();
        }
    }
}
