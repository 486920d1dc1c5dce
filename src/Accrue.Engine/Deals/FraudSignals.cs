using System.Buffers;
using System.Globalization;

namespace Accrue.Engine.Deals;

/// <summary>Patterns in a registration that a reviewer should look at, each with its numbers in words.</summary>
/// <remarks>
/// Signals never reject a registration on their own: a burst may be a trade show, a round amount
/// an honest estimate. They are ordered by <see cref="SignalKind"/>, and within a kind by date,
/// so the same check always reads the same. Days are UTC dates of RegisteredAt.
/// </remarks>
public static class FraudSignals
{
    public static IReadOnlyList<FraudSignal> Find(FraudCheck check, FraudPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(check.CurrencyMinorDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(check.CurrencyMinorDigits, 4);

        return [.. RegistrationBurst(check, policy), .. LastDaysOfPromotion(check, policy), .. RoundAmount(check),
                .. OutlierAmount(check, policy), .. SharedCustomerContact(check), .. VendorAlreadyEngaged(check)];
    }

    /// <summary>
    /// This registration and the partner's others in the window of BurstWindowDays ending on its day,
    /// against the partner's average per window over the BaselineWeeks before that window.
    /// </summary>
    static IEnumerable<FraudSignal> RegistrationBurst(FraudCheck check, FraudPolicy policy)
    {
        var day = DayOf(check.Candidate.RegisteredAt);
        var windowStart = day.AddDays(1 - policy.BurstWindowDays);
        var baselineStart = windowStart.AddDays(-7 * policy.BaselineWeeks);
        // One pass, by index: a partner's history runs to hundreds of registrations, and every submission reads it.
        var (recent, inBaseline) = (1, 0);
        var history = check.PartnerHistory;
        for (var i = 0; i < history.Count; i++)
        {
            var d = DayOf(history[i].RegisteredAt);
            if (windowStart <= d && d <= day) recent++;
            else if (baselineStart <= d && d < windowStart) inBaseline++;
        }
        var usual = (decimal)inBaseline * policy.BurstWindowDays / (7 * policy.BaselineWeeks);
        if (recent >= Math.Max(policy.BurstMinimum, policy.BurstFactor * usual))
            yield return new(SignalKind.RegistrationBurst,
                $"{recent} registrations in {policy.BurstWindowDays} days; this partner's usual is {Number(usual, "0.#")} per {policy.BurstWindowDays} days");
    }

    /// <summary>Registered on one of the PromotionEndDays days before a promotion's end: [EndsOn − N, EndsOn).</summary>
    static IEnumerable<FraudSignal> LastDaysOfPromotion(FraudCheck check, FraudPolicy policy)
    {
        var day = DayOf(check.Candidate.RegisteredAt);
        return from promotion in check.Promotions.OrderBy(p => p.EndsOn).ThenBy(p => p.Name, StringComparer.Ordinal)
               let daysBefore = promotion.EndsOn.DayNumber - day.DayNumber
               where daysBefore is > 0 && daysBefore <= policy.PromotionEndDays
               select new FraudSignal(SignalKind.LastDaysOfPromotion,
                   $"registered {daysBefore} {(daysBefore == 1 ? "day" : "days")} before promotion '{promotion.Name}' ends on {Iso(promotion.EndsOn)}");
    }

    /// <summary>A positive whole multiple of 10,000 major units: an amount that looks picked rather than quoted.</summary>
    static IEnumerable<FraudSignal> RoundAmount(FraudCheck check)
    {
        var tenThousand = 10_000 * MinorPerMajor(check);
        if (check.AmountMinor > 0 && check.AmountMinor % tenThousand == 0)
            yield return new(SignalKind.RoundAmount, $"estimated amount {Major(check.AmountMinor, check)} is a round figure");
    }

    /// <summary>More than OutlierFactor times the median of the partner's earlier amounts in the same currency.</summary>
    static IEnumerable<FraudSignal> OutlierAmount(FraudCheck check, FraudPolicy policy)
    {
        if (!MayBeOutlier(check, policy))
            yield break;
        var (count, median) = AmountsInCurrency(check);
        if (count < policy.OutlierMinimumHistory)
            yield break;
        // A median of zero or less gives no scale to compare against.
        if (median > 0 && check.AmountMinor > policy.OutlierFactor * median)
            yield return new(SignalKind.OutlierAmount,
                $"estimated amount {Major(check.AmountMinor, check)} {check.Currency} is {Number(check.AmountMinor / median, "0.#")}× " +
                $"this partner's median of {Major(median, check)} {check.Currency}");
    }

    /// <summary>
    /// False when the amount cannot be an outlier: too few earlier amounts in its currency, or too few of them under amount /
    /// factor for the median to be under it. One pass, without sorting, settles most submissions, which are no outliers.
    /// </summary>
    static bool MayBeOutlier(FraudCheck check, FraudPolicy policy)
    {
        // Every amount a with factor × a < amount is under this bound (and maybe a few more, which only make the answer "maybe").
        var bound = decimal.Ceiling(check.AmountMinor / policy.OutlierFactor) + 1;
        if (bound > long.MaxValue)
            return true;
        var (under, count, below) = (0, 0, (long)bound);
        var history = check.PartnerHistory;
        for (var i = 0; i < history.Count; i++)
            if (string.Equals(history[i].Currency, check.Currency, StringComparison.OrdinalIgnoreCase))
            {
                count++;
                if (history[i].AmountMinor < below) under++;
            }
        // The median is at least the lower middle amount (index (count - 1) / 2 in order), which is under the bound only if
        // (count + 1) / 2 amounts are.
        return count >= policy.OutlierMinimumHistory && under >= (count + 1) / 2;
    }

    /// <summary>How many of the partner's earlier amounts are in the check's currency, and their median (0 when none).</summary>
    /// <remarks>Sorted in a rented array: a partner's history runs to hundreds of registrations.</remarks>
    static (int Count, decimal Median) AmountsInCurrency(FraudCheck check)
    {
        var history = check.PartnerHistory;
        var rented = ArrayPool<long>.Shared.Rent(history.Count);
        try
        {
            var count = 0;
            for (var i = 0; i < history.Count; i++)
                if (string.Equals(history[i].Currency, check.Currency, StringComparison.OrdinalIgnoreCase))
                    rented[count++] = history[i].AmountMinor;
            if (count == 0)
                return (0, 0);
            var amounts = rented.AsSpan(0, count);
            amounts.Sort();
            return (count, ((decimal)amounts[(count - 1) / 2] + amounts[count / 2]) / 2);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(rented);
        }
    }

    static IEnumerable<FraudSignal> SharedCustomerContact(FraudCheck check)
    {
        if (check.SameContactElsewhere.Count == 0)
            yield break;
        var contact = check.ContactEmail ?? check.SameContactElsewhere[0].ContactEmail;
        var partners = check.SameContactElsewhere.Select(u => u.PartnerName).Distinct().Order(StringComparer.Ordinal);
        yield return new(SignalKind.SharedCustomerContact,
            $"customer contact {contact} is also on registrations of {string.Join(", ", partners)}");
    }

    static IEnumerable<FraudSignal> VendorAlreadyEngaged(FraudCheck check)
    {
        if (check.VendorEngaged.Count == 0)
            yield break;
        var opportunities = check.VendorEngaged.OrderBy(o => o.CreatedOn).ThenBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => $"opportunity {o.Id} since {Iso(o.CreatedOn)}");
        yield return new(SignalKind.VendorAlreadyEngaged, $"the vendor was already engaged: {string.Join("; ", opportunities)}");
    }

    static long MinorPerMajor(FraudCheck check)
    {
        var perMajor = 1L;
        for (var digit = 0; digit < check.CurrencyMinorDigits; digit++)
            perMajor *= 10;
        return perMajor;
    }

    /// <summary>Major units with thousands separators, and the minor digits only when there is a fraction: "50,000", "72,000.50".</summary>
    static string Major(decimal minor, FraudCheck check)
    {
        var major = minor / MinorPerMajor(check);
        return Number(major, major == decimal.Truncate(major) ? "#,0" : "#,0." + new string('0', check.CurrencyMinorDigits));
    }

    static string Number(decimal value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
