using DuckDB.NET.Data;

namespace Accrue.Bench.Incentives;

/// <summary>
/// DuckDB SQL, in memory: the dataset loaded with the Appender (the ingest, timed apart), then the
/// benchmark's calculation as one SQL statement with CTEs, in integer arithmetic throughout (`//`
/// is integer division; `/` would be floating point), the cash budget shared by largest remainder
/// with window functions. Results come back as .NET rows, as a user would read them.
/// </summary>
sealed class DuckDbPeer : IDisposable
{
    readonly DuckDBConnection connection = new("Data Source=:memory:");
    readonly int partners;
    readonly long budgetCents;

    public DuckDbPeer(IncentiveDataset data, long budgetCents)
    {
        (partners, this.budgetCents) = (data.Partners, budgetCents);
        connection.Open();
        Execute("CREATE TABLE deals (partner INTEGER, product TINYINT, stage TINYINT, close_day SMALLINT, cents BIGINT, new_logo BOOLEAN)");
        Execute("CREATE TABLE completions (partner INTEGER, certification TINYINT, day SMALLINT)");
        using (var appender = connection.CreateAppender("deals"))
            for (var i = 0; i < data.Deals; i++)
                appender.CreateRow().AppendValue(data.Partner[i]).AppendValue((sbyte)data.Product[i]).AppendValue((sbyte)data.Stage[i])
                        .AppendValue(data.CloseDay[i]).AppendValue(data.AmountCents[i]).AppendValue(data.NewLogo[i]).EndRow();
        using (var appender = connection.CreateAppender("completions"))
            for (var i = 0; i < data.CompletionPartner.Length; i++)
                appender.CreateRow().AppendValue(data.CompletionPartner[i]).AppendValue((sbyte)data.Certification[i]).AppendValue(data.CompletedDay[i]).EndRow();
    }

    public string Version
    {
        get
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version()";
            return (string)command.ExecuteScalar()!;
        }
    }

    public PartnerResult[] Calculate(int threads)
    {
        Execute($"SET threads = {threads}");
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        var results = new PartnerResult[partners];
        using var reader = command.ExecuteReader();
        while (reader.Read())
            results[reader.GetInt32(0)] = new PartnerResult(reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        return results;
    }

    string Sql => $"""
        WITH won AS (
            SELECT partner,
                   SUM(CASE WHEN close_day >= {IncentiveDataset.YearFrom} THEN cents ELSE 0 END) AS ttm,
                   SUM(CASE WHEN close_day >= {IncentiveDataset.QuarterFrom} THEN cents ELSE 0 END) AS q,
                   SUM(CASE WHEN close_day >= {IncentiveDataset.PreviousFrom} AND close_day < {IncentiveDataset.QuarterFrom} THEN cents ELSE 0 END) AS pq,
                   SUM(CASE WHEN close_day < {IncentiveDataset.QuarterFrom} THEN 0
                            WHEN product IN (3, 7) AND cents >= 1000000 THEN 50000
                            WHEN new_logo THEN 30000 ELSE 0 END) AS spiff
            FROM deals WHERE stage = {IncentiveDataset.Won} GROUP BY partner),
        certified AS (
            SELECT partner, COUNT(DISTINCT certification) AS n FROM completions WHERE day >= {IncentiveDataset.YearFrom} GROUP BY partner),
        base AS (
            SELECT p.range::INTEGER AS partner, COALESCE(w.ttm, 0)::BIGINT AS ttm, COALESCE(w.q, 0)::BIGINT AS q,
                   COALESCE(w.pq, 0)::BIGINT AS pq, COALESCE(w.spiff, 0)::BIGINT AS spiff, COALESCE(c.n, 0) AS n
            FROM range({partners}) p LEFT JOIN won w ON w.partner = p.range LEFT JOIN certified c ON c.partner = p.range),
        tiered AS (
            SELECT *, CASE WHEN ttm >= 500000000 AND n >= 3 THEN 3 WHEN ttm >= 100000000 AND n >= 2 THEN 2
                           WHEN ttm >= 25000000 THEN 1 ELSE 0 END AS tier
            FROM base),
        paid AS (
            SELECT partner, tier, spiff,
                   LEAST(((LEAST(q, 5000000) * 200 + GREATEST(LEAST(q, 25000000) - 5000000, 0) * 300 + GREATEST(q - 25000000, 0) * 500)::HUGEINT
                          * (CASE tier WHEN 0 THEN 100 WHEN 1 THEN 110 WHEN 2 THEN 125 ELSE 150 END) + 500000) // 1000000, 10000000)::BIGINT AS rebate,
                   CASE WHEN pq > 0 AND q * 100 >= pq * 110 THEN LEAST((q - pq + 50) // 100, 2500000) ELSE 0 END::BIGINT AS bonus
            FROM tiered),
        totals AS (SELECT *, rebate + spiff + bonus AS total FROM paid),
        whole AS (SELECT SUM(total)::HUGEINT AS s FROM totals),
        shared AS (
            SELECT t.*, w.s,
                   CASE WHEN w.s <= {budgetCents} THEN t.total ELSE ({budgetCents}::HUGEINT * t.total // w.s)::BIGINT END AS part,
                   CASE WHEN w.s <= {budgetCents} THEN 0 ELSE {budgetCents}::HUGEINT * t.total % w.s END AS remainder
            FROM totals t, whole w),
        ranked AS (
            SELECT *, ROW_NUMBER() OVER (ORDER BY remainder DESC, partner) AS place, {budgetCents} - SUM(part) OVER () AS left_over FROM shared)
        SELECT partner, tier, rebate, spiff, bonus,
               (CASE WHEN s > {budgetCents} AND place <= left_over THEN part + 1 ELSE part END)::BIGINT AS prorated
        FROM ranked ORDER BY partner
        """;

    void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
