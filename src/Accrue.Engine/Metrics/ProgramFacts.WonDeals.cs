namespace Accrue.Engine.Metrics;

public sealed partial class ProgramFacts
{
    /// <summary>Won deals in close-day order per partner, with running sums so a window's revenue is two look-ups.</summary>
    /// <remarks>
    /// Running sums span all partners (row i holds the sum of rows before it): a window's sum is the
    /// difference of two of them. Reversals are rare, so a reversed deal stays in the sums and is
    /// taken back out, when its reversal is dated before the evaluation date, from a short list per partner.
    /// </remarks>
    sealed class WonDeals(int[] offsets, int[] closeDays, decimal[] revenueBefore, long[] daysToCloseBefore, Reversals reversals)
    {
        public WonTotals In(int partner, int from, int to, int asOf)
        {
            if (partner < 0) return default;
            var end = offsets[partner + 1];
            var first = DayColumn.LowerBound(closeDays, offsets[partner], end, from);
            var last = DayColumn.LowerBound(closeDays, first, end, to);
            var totals = new WonTotals(last - first, revenueBefore[last] - revenueBefore[first], daysToCloseBefore[last] - daysToCloseBefore[first], 0);
            return reversals.TakeOut(totals, partner, from, to, asOf);
        }

        public sealed class Builder(ExchangeRates rates)
        {
            readonly Conversion conversion = new(rates);
            readonly PartnerRows rows = new();
            readonly List<decimal> revenue = [];
            readonly List<int> daysToClose = [];
            readonly PartnerRows reversedRows = new();
            readonly List<Reversal> reversed = [];

            public void Add(int partner, in DealFact deal, DateOnly closedOn)
            {
                var amount = conversion.Convert(deal, closedOn);
                var days = closedOn.DayNumber - deal.RegisteredOn.DayNumber;
                rows.Add(partner, closedOn.DayNumber);
                revenue.Add(amount);
                daysToClose.Add(days);
                if (deal.ReversedOn is not { } reversedOn) return;
                reversedRows.Add(partner, closedOn.DayNumber);
                reversed.Add(new Reversal(closedOn.DayNumber, reversedOn.DayNumber, amount, days));
            }

            public WonDeals Build(int partnerCount)
            {
                var grouped = rows.Group(partnerCount);
                var revenueBefore = new decimal[grouped.Order.Length + 1];
                var daysBefore = new long[grouped.Order.Length + 1];
                for (var i = 0; i < grouped.Order.Length; i++)
                {
                    revenueBefore[i + 1] = revenueBefore[i] + revenue[grouped.Order[i]];
                    daysBefore[i + 1] = daysBefore[i] + daysToClose[grouped.Order[i]];
                }
                var groupedReversals = reversedRows.Group(partnerCount);
                return new WonDeals(grouped.Offsets, grouped.Keys, revenueBefore, daysBefore,
                                    new Reversals(groupedReversals.Offsets, groupedReversals.Gather(reversed)));
            }
        }
    }

    /// <summary>What the won deals of a window add up to, reversals before the evaluation date taken out.</summary>
    /// <param name="Reversed">Won deals closed in the window but reversed before the evaluation date: no longer won, still closed.</param>
    readonly record struct WonTotals(int Count, decimal Revenue, long DaysToClose, int Reversed);

    readonly record struct Reversal(int CloseDay, int ReversedDay, decimal Revenue, int DaysToClose);

    sealed class Reversals(int[] offsets, Reversal[] rows)
    {
        public WonTotals TakeOut(WonTotals totals, int partner, int from, int to, int asOf)
        {
            for (var i = offsets[partner]; i < offsets[partner + 1]; i++)
            {
                var r = rows[i];
                if (r.CloseDay < from || r.CloseDay >= to || r.ReversedDay >= asOf) continue;
                totals = new WonTotals(totals.Count - 1, totals.Revenue - r.Revenue, totals.DaysToClose - r.DaysToClose, totals.Reversed + 1);
            }
            return totals;
        }
    }
}
