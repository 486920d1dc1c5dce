using Accrue.Data;
using Accrue.Data.Tiers;
using Accrue.Engine.Partners;
using Accrue.Engine.Tiers;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Tiers;

/// <summary>A mover with its name, for people to read.</summary>
public sealed record WhatIfMove(Guid PartnerId, string PartnerName, string PublishedTier, string DraftTier, int Levels, string Explanation);

public sealed record WhatIfReport(
    string Period, int PublishedVersion, int DraftVersion, IReadOnlyList<TierCount> ByTier, IReadOnlyList<WhatIfMove> Moves,
    decimal BenefitsCostPublished, decimal BenefitsCostDraft, string Currency, string CostBasis);

/// <summary>Evaluates the draft against today's data, side by side with the version it would replace.</summary>
public sealed class TierWhatIfs(AccrueDbFactory dbs, ProgramVersions programs)
{
    public async Task<WhatIfReport> CompareAsync(string? periodName, CancellationToken ct)
    {
        var draft = await programs.DraftAsync(ct) ?? throw new StateConflict("There is no draft to compare: start one first.");
        if (draft.Definition is not { } draftProgram) throw ProgramVersions.Problems(draft.Problems, "The draft has problems; fix them first.");
        var calendar = draftProgram.Calendar;
        var today = programs.Today;
        var period = string.IsNullOrWhiteSpace(periodName)
            ? calendar.Previous(calendar.Containing(today, draftProgram.Evaluation.Cadence))
            : calendar.TryParse(periodName.Trim(), out var p) ? p
            : throw InvalidRequest.For("period", $"'{periodName}' is not a period: write 2026-07, 2026-Q3 or 2026.");
        var published = await programs.InForceOnAsync(period.End.AddDays(-1), ct) ?? await programs.InForceOnAsync(today, ct)
                        ?? throw new StateConflict("No version is published yet: there is nothing to compare the draft with.");

        await using var db = dbs.Create();
        var partners = await db.Partners.AsNoTracking().Where(x => x.Status == PartnerStatus.Active).OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.Name, x.JoinedOn }).ToListAsync(ct);
        var stored = await db.PartnerTiers.AsNoTracking().ToDictionaryAsync(t => t.PartnerId, ct);
        var states = partners.Select(x => TierStates.Of(published.Definition, x.Id, x.JoinedOn, stored.GetValueOrDefault(x.Id))).ToList();
        var facts = await TierFactsLoader.LoadAsync(db, draftProgram, partners.Select(x => x.Id).ToList(), ct);
        var result = TierComparison.Compare(published.Definition, draftProgram, period.End, states, facts);

        var names = partners.ToDictionary(x => x.Id, x => x.Name);
        var tierNames = published.Definition.Tiers.Concat(draftProgram.Tiers).DistinctBy(t => t.Id).ToDictionary(t => t.Id, t => t.Name);
        return new WhatIfReport(period.Name, published.Number, draft.Version.Number, result.ByTier,
            result.Moves.Select(m => new WhatIfMove(m.PartnerId, names.GetValueOrDefault(m.PartnerId, "?"), TierEvaluations.Name(tierNames, m.PublishedTierId),
                                                    TierEvaluations.Name(tierNames, m.DraftTierId), m.Levels, m.Explanation)).ToList(),
            result.BenefitsCostPublished, result.BenefitsCostDraft, draftProgram.Currency, result.CostBasis);
    }
}
