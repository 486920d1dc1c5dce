using Accrue.Engine.Metrics;

namespace Accrue.Engine.Incentives;

/// <summary>Won deals as columns grouped by partner ordinal, each partner's deals in event order.</summary>
sealed record DealColumns(
    int[] Offsets, Guid[] Ids, int[] CloseDays, long[] RegisteredTicks, long[] AmountMinor, decimal[]? Fraction, int[] Products,
    string[] ProductNames, IncentiveFacts.DealFlags[] Flags, int[] PaidDays, int[] ReversedDays)
{
    public const int Never = int.MaxValue;

    public static DealColumns Build(int partnerCount, Dictionary<Guid, int> indexOf, IEnumerable<IncentiveDeal> deals, ExchangeRates rates)
    {
        var programPerMajor = Money.Currency.Of(rates.ProgramCurrency).MinorPerMajor;
        var perMajor = new Dictionary<string, long>(StringComparer.Ordinal);
        var products = new IncentiveFacts.Interned();
        var rows = new List<Row>();
        foreach (var item in deals)
        {
            var deal = item.Deal;
            if (deal.Outcome != DealOutcome.Won || !indexOf.TryGetValue(deal.PartnerId, out var p)) continue;
            var closedOn = deal.ClosedOn ?? throw new ArgumentException($"Deal {deal.DealId} is Won but has no close date.", nameof(deals));
            var rate = rates.RateOn(deal.Currency, closedOn) ?? throw new MissingExchangeRateException(deal.Currency, closedOn, deal.DealId);
            if (!perMajor.TryGetValue(deal.Currency, out var divisor)) perMajor[deal.Currency] = divisor = Money.Currency.Of(deal.Currency).MinorPerMajor;
            var minor = deal.AmountMinor * rate * programPerMajor / divisor;   // exact: program minor units
            var flags = (item.Referred ? IncentiveFacts.DealFlags.Referred : 0) | (item.Influenced ? IncentiveFacts.DealFlags.Influenced : 0)
                        | (item.NewLogo ? IncentiveFacts.DealFlags.NewLogo : 0);
            var registered = item.RegisteredAt?.UtcTicks ?? deal.RegisteredOn.ToDateTime(TimeOnly.MinValue).Ticks;
            rows.Add(new Row(p, deal.DealId, closedOn.DayNumber, registered, minor, products.Add(item.Product), flags,
                             item.PaidOn?.DayNumber ?? Never, deal.ReversedOn?.DayNumber ?? Never));
        }
        rows.Sort(EventOrder);

        var n = rows.Count;
        var fractions = rows.Any(r => r.Minor != decimal.Truncate(r.Minor)) ? new decimal[n] : null;
        var amounts = new long[n];
        for (var i = 0; i < n; i++)
        {
            var whole = decimal.Truncate(rows[i].Minor);
            amounts[i] = decimal.ToInt64(whole);
            if (fractions is not null) fractions[i] = rows[i].Minor - whole;
        }
        return new DealColumns(
            IncentiveFacts.Offsets(partnerCount, rows.Select(r => r.Partner)), [.. rows.Select(r => r.Id)], [.. rows.Select(r => r.CloseDay)],
            [.. rows.Select(r => r.Registered)], amounts, fractions, [.. rows.Select(r => r.Product)], products.Names,
            [.. rows.Select(r => r.Flags)], [.. rows.Select(r => r.PaidDay)], [.. rows.Select(r => r.ReversedDay)]);
    }

    readonly record struct Row(int Partner, Guid Id, int CloseDay, long Registered, decimal Minor, int Product,
                               IncentiveFacts.DealFlags Flags, int PaidDay, int ReversedDay);

    static int EventOrder(Row x, Row y)
    {
        var c = x.Partner.CompareTo(y.Partner);
        if (c == 0) c = x.CloseDay.CompareTo(y.CloseDay);
        if (c == 0) c = x.Registered.CompareTo(y.Registered);
        return c != 0 ? c : GuidOrder.Instance.Compare(x.Id, y.Id);
    }
}
