namespace Accrue.Bench.Incentives;

/// <summary>One partner's result, as every peer returns it: amounts in cents.</summary>
readonly record struct PartnerResult(int Tier, long Rebate, long Spiff, long Bonus, long ProratedTotal);

/// <summary>A partner's sums in cents (trailing year, quarter, previous quarter, SPIFFs of the quarter) and distinct certifications.</summary>
readonly record struct PartnerAggregates(long Ttm, long Q, long Pq, long Spiff, int Certifications);

/// <summary>
/// The speed-of-light baseline: this benchmark's exact program written by hand over columns grouped
/// by partner, integer cents and basis points throughout, one fused pass per partner. It stays in the
/// repository as the reference the engine is verified against.
/// </summary>
sealed class HandLoop
{
    static readonly long[] Multiplier = [100, 110, 125, 150];   // percent, by tier
    readonly int partners;
    /// <summary>Won deals only, grouped by partner (rows [dealOffsets[p], dealOffsets[p + 1])), copied into partner order.</summary>
    readonly int[] dealOffsets;
    readonly short[] closeDay;
    readonly long[] cents;
    /// <summary>SPIFF A's pay (500 USD) or, else, SPIFF B's (300 USD) for a new logo, or 0: the exclusive group's larger amount.</summary>
    readonly long[] spiffCents;
    readonly int[] completionOffsets;
    /// <summary>Certifications earned in the trailing year, as bit masks, grouped by partner.</summary>
    readonly int[] certificationBits;

    /// <summary>The ingest: won deals and trailing-year completions copied into partner order (a counting sort).</summary>
    public HandLoop(IncentiveDataset data)
    {
        partners = data.Partners;
        var won = Enumerable.Range(0, data.Deals).Where(i => data.Stage[i] == IncentiveDataset.Won).ToArray();
        var order = Group(partners, won, i => data.Partner[i], out dealOffsets);
        (closeDay, cents, spiffCents) = (new short[order.Length], new long[order.Length], new long[order.Length]);
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            (closeDay[k], cents[k]) = (data.CloseDay[i], data.AmountCents[i]);
            spiffCents[k] = data.SpiffA(i) ? 50_000 : data.NewLogo[i] ? 30_000 : 0;
        }
        var recent = Enumerable.Range(0, data.CompletionPartner.Length).Where(i => data.CompletedDay[i] >= IncentiveDataset.YearFrom).ToArray();
        certificationBits = Group(partners, recent, i => data.CompletionPartner[i], out completionOffsets).Select(i => 1 << data.Certification[i]).ToArray();
    }

    static int[] Group(int partners, int[] rows, Func<int, int> partnerOf, out int[] offsets)
    {
        offsets = new int[partners + 1];
        foreach (var i in rows) offsets[partnerOf(i) + 1]++;
        for (var p = 0; p < partners; p++) offsets[p + 1] += offsets[p];
        var next = offsets[..^1].ToArray();
        var ordered = new int[rows.Length];
        foreach (var i in rows) ordered[next[partnerOf(i)]++] = i;
        return ordered;
    }

    /// <summary>Each partner's cash before the cash budget, and the total of those: the cash budget is set from it.</summary>
    public PartnerResult[] Calculate(long? cashBudgetCents, int threads)
    {
        var results = new PartnerResult[partners];
        Parallel.For(0, threads, t =>
        {
            var (from, to) = ((int)((long)partners * t / threads), (int)((long)partners * (t + 1) / threads));
            for (var p = from; p < to; p++) results[p] = Partner(p);
        });
        if (cashBudgetCents is { } budget) ApplyCashBudget(results, budget);
        return results;
    }

    PartnerResult Partner(int p)
    {
        var (ttm, q, pq, spiff, distinct) = Aggregates(p);
        return Finish(ttm, q, pq, spiff, distinct);
    }

    /// <summary>A partner's sums over its won deals and its distinct certifications of the trailing year: what the rules read.</summary>
    public PartnerAggregates Aggregates(int p)
    {
        long ttm = 0, q = 0, pq = 0, spiff = 0;
        for (var k = dealOffsets[p]; k < dealOffsets[p + 1]; k++)
        {
            int day = closeDay[k];
            if (day >= IncentiveDataset.YearFrom) ttm += cents[k];
            if (day >= IncentiveDataset.QuarterFrom)
            {
                q += cents[k];
                spiff += spiffCents[k];
            }
            else if (day >= IncentiveDataset.PreviousFrom) pq += cents[k];
        }
        var certs = 0;
        for (var k = completionOffsets[p]; k < completionOffsets[p + 1]; k++) certs |= certificationBits[k];
        return new PartnerAggregates(ttm, q, pq, spiff, System.Numerics.BitOperations.PopCount((uint)certs));
    }

    /// <summary>The program on a partner's sums: tier, rebate, SPIFFs, growth bonus (before the cash budget).</summary>
    public static PartnerResult Finish(long ttm, long q, long pq, long spiff, int distinct) =>
        Finish(Tier(ttm, distinct), q, pq, spiff, growth: pq > 0 && q * 100 >= pq * 110);

    public static int Tier(long ttm, int distinct) =>
        ttm >= 500_000_000 && distinct >= 3 ? 3 : ttm >= 100_000_000 && distinct >= 2 ? 2 : ttm >= 25_000_000 ? 1 : 0;

    /// <summary>The amounts once the tier and the growth bonus's eligibility are decided (the RulesEngine peer decides them its way).</summary>
    public static PartnerResult Finish(int tier, long q, long pq, long spiff, bool growth)
    {
        // Marginal brackets in basis points, × the tier multiplier in percent: units of 10⁻⁶ cent, rounded once.
        var exact = Math.Min(q, 5_000_000) * 200 + Math.Clamp(q - 5_000_000, 0, 20_000_000) * 300 + Math.Max(0, q - 25_000_000) * 500;
        var rebate = Math.Min(RoundHalfAway(exact * Multiplier[tier], 1_000_000), 10_000_000);
        var bonus = growth ? Math.Min(RoundHalfAway(q - pq, 100), 2_500_000) : 0;
        return new PartnerResult(tier, rebate, spiff, bonus, rebate + spiff + bonus);
    }

    static long RoundHalfAway(long numerator, long denominator) => (numerator + denominator / 2) / denominator;   // numerator ≥ 0 here

    /// <summary>The program's cash budget: positive totals shared pro rata by largest remainder, ties to the lower partner.</summary>
    public static void ApplyCashBudget(PartnerResult[] results, long budget)
    {
        Int128 sum = 0;
        foreach (var r in results) sum += r.ProratedTotal;
        if (sum <= budget) return;
        var remainders = new (Int128 Remainder, int Partner)[results.Length];
        long given = 0;
        for (var p = 0; p < results.Length; p++)
        {
            var product = (Int128)budget * results[p].ProratedTotal;
            var part = (long)(product / sum);
            results[p] = results[p] with { ProratedTotal = part };
            remainders[p] = (product % sum, p);
            given += part;
        }
        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Partner.CompareTo(b.Partner));
        for (var k = 0; k < budget - given; k++)
        {
            var p = remainders[k].Partner;
            results[p] = results[p] with { ProratedTotal = results[p].ProratedTotal + 1 };
        }
    }
}
