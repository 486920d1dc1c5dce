using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Incentives;
using Accrue.Engine.Money;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Incentives;

/// <summary>Partners' targets per period, which accelerators pay over; in the program currency.</summary>
public sealed class IncentiveTargets(AccrueDbFactory dbs, ProgramVersions programs, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<TargetView>> ListAsync(string? period, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var targets = db.PartnerTargets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(period)) targets = targets.Where(t => t.Period == period.Trim());
        return (await targets.Select(t => new { Target = t, PartnerName = t.Partner!.Name }).ToListAsync(ct))
            .OrderBy(t => t.Target.Period).ThenBy(t => t.PartnerName)
            .Select(t => new TargetView(t.Target.PartnerId, t.PartnerName, t.Target.Period, t.Target.AmountMinor, t.Target.Currency, t.Target.UpdatedAt, t.Target.UpdatedBy))
            .ToList();
    }

    /// <summary>Sets targets, all or none: every row is checked first and every problem named by its row.</summary>
    public async Task<int> SetAsync(IReadOnlyList<TargetRow> rows, CancellationToken ct)
    {
        var program = (await programs.InForceOnAsync(programs.Today, ct))?.Definition
                      ?? throw new StateConflict("No program version is in force yet: publish one before setting targets.");
        var currency = Currency.Of(program.Currency);
        await using var db = dbs.Create();
        var partnerIds = rows.Select(r => r.PartnerId).Distinct().ToList();
        var known = (await db.Partners.Where(p => partnerIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<(Guid, string)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, problems) = (rows[i], new List<string>());
            if (!known.Contains(row.PartnerId)) problems.Add($"Partner {row.PartnerId} does not exist.");
            if (!program.Calendar.TryParse(row.Period?.Trim(), out var period)) problems.Add($"'{row.Period}' is not a period such as 2026-Q3.");
            else if (!seen.Add((row.PartnerId, period.Name))) problems.Add($"The partner's target for {period.Name} is listed twice.");
            if (row.Amount < 0) problems.Add("A target is zero or more.");
            else if (row.Amount * currency.MinorPerMajor % 1 != 0) problems.Add($"{row.Amount} has more decimals than {currency.Code}'s {currency.MinorDigits}.");
            if (problems.Count > 0) errors[$"rows[{i}]"] = [.. problems];
        }
        if (rows.Count == 0) errors["rows"] = ["Give at least one target."];
        if (errors.Count > 0) throw new InvalidRequest(errors, "The targets have errors; none was saved.");

        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            var period = program.Calendar.Parse(row.Period.Trim()).Name;
            var minor = (long)(row.Amount * currency.MinorPerMajor);
            var target = await db.PartnerTargets.SingleOrDefaultAsync(t => t.PartnerId == row.PartnerId && t.Period == period, ct);
            var before = target is null ? null : new { target.AmountMinor, target.Currency };
            if (target is null) db.PartnerTargets.Add(target = new PartnerTarget { PartnerId = row.PartnerId, Period = period, Currency = currency.Code, UpdatedBy = db.Actor.Name });
            (target.AmountMinor, target.Currency, target.UpdatedAt, target.UpdatedBy) = (minor, currency.Code, now, db.Actor.Name);
            audit.Record(db, "PartnerTargetSet", nameof(PartnerTarget), $"{row.PartnerId}/{period}", row.PartnerId, before, new { period, AmountMinor = minor, currency.Code });
        }
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}
