using Accrue.Engine.Metrics;
using Accrue.Engine.Money;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tiers;

/// <remarks>
/// Both versions start from the same partner states. A partner on a tier the draft does not have
/// starts the draft's evaluation on the draft's entry tier, so it lands on the tier it qualifies for.
/// A tier's level is its position in the draft's ladder, or in the published one for a tier the
/// draft drops: a move's levels are the difference. The resulting tier is the one each decision
/// proposes, as if approved (a locked partner keeps its tier).
/// The benefits cost is an estimate, the same for both versions: each partner's won revenue over one
/// evaluation cadence of the PUBLISHED version ending at the evaluation date (the trailing quarter for
/// quarterly evaluation), times the discount percent plus the fund accrual percent of the tier the
/// version gives it, summed exactly in the program currency's major units. Rebate multipliers,
/// deal protection and support levels are not priced.
/// </remarks>
public static partial class TierComparison
{
    static TierWhatIf CompareVersions(ProgramDefinition published, ProgramDefinition draft, DateOnly evaluationDate,
                                      IReadOnlyList<PartnerTierState> partners, ProgramFacts facts)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(draft);
        var draftIds = draft.Tiers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var draftStates = partners.Select(s => draftIds.Contains(s.TierId) || draft.Tiers.Count == 0 ? s : s with { TierId = draft.Tiers[0].Id, GraceCount = 0 }).ToList();
        var before = TierEvaluation.Evaluate(published, evaluationDate, partners, facts);
        var after = TierEvaluation.Evaluate(draft, evaluationDate, draftStates, facts);

        var tiers = draft.Tiers.Concat(published.Tiers.Where(t => !draftIds.Contains(t.Id))).ToList();
        var level = tiers.Select((t, i) => (t.Id, Level: i < draft.Tiers.Count ? i : IndexOf(published.Tiers, t.Id)))
                         .ToDictionary(x => x.Id, x => x.Level, StringComparer.Ordinal);
        var name = tiers.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);

        var moves = new List<TierMove>();
        for (var i = 0; i < partners.Count; i++)
        {
            var (from, to) = (before[i].NewTierId, after[i].NewTierId);
            if (from == to) continue;
            var levels = level[to] - level[from];
            var direction = levels == 0 ? "the same level" : $"{Math.Abs(levels)} level{(Math.Abs(levels) == 1 ? "" : "s")} {(levels > 0 ? "up" : "down")}";
            moves.Add(new TierMove(partners[i].PartnerId, from, to, levels,
                $"{name[from]} under the published version, {name[to]} under the draft ({direction}). Draft: {after[i].Explanation}"));
        }

        var byTier = tiers.Select(t => new TierCount(t.Id, t.Name,
            before.Count(d => d.NewTierId == t.Id), after.Count(d => d.NewTierId == t.Id),
            moves.Count(m => m.DraftTierId == t.Id && m.Levels > 0), moves.Count(m => m.DraftTierId == t.Id && m.Levels < 0))).ToList();

        var window = new TrailingWindow(1, published.Evaluation.Cadence);
        var revenue = partners.Select(s => facts.Measure(s.PartnerId, Metric.WonRevenue, window, evaluationDate).Value ?? 0m).ToArray();
        var costPublished = Cost(published, before, revenue);
        var costDraft = Cost(draft, after, revenue);
        var basis = $"Won revenue of each partner over the {window} ending {evaluationDate.AddDays(-1):yyyy-MM-dd} " +
                    $"({MoneyText.Format(revenue.Sum(), published.Currency)} in all) × (discount % + fund accrual %) of the tier each version gives it, " +
                    $"in {published.Currency}; rebate multipliers, deal protection and support levels are not priced.";
        return new TierWhatIf(byTier, moves, costPublished, costDraft, basis);
    }

    static decimal Cost(ProgramDefinition program, IReadOnlyList<TierDecision> decisions, decimal[] revenue)
    {
        var rate = program.Tiers.ToDictionary(t => t.Id, t => (t.Benefits.DiscountPercent + t.Benefits.FundAccrualPercent) / 100m, StringComparer.Ordinal);
        var cost = 0m;
        for (var i = 0; i < decisions.Count; i++) cost += revenue[i] * rate[decisions[i].NewTierId];
        return cost;
    }

    static int IndexOf(IReadOnlyList<TierDefinition> tiers, string id)
    {
        for (var i = 0; i < tiers.Count; i++) if (tiers[i].Id == id) return i;
        return -1;
    }
}
