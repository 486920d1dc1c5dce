using Accrue.Data.Deals;
using Accrue.Data.Partners;
using Accrue.Data.Program;
using Accrue.Engine.Deals;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>Programs and won deals for tier tests.</summary>
public sealed partial class Seed
{
    public static readonly TrailingWindow Year = new(4, PeriodUnit.Quarter);

    /// <summary>Registered → Silver (won revenue ≥ 100,000) → Gold (≥ 500,000), quarterly, promotions reviewed.</summary>
    public static ProgramDefinition ThreeTiers(int noticeDays = 30) => new()
    {
        Name = "Test program", Currency = "USD", ChangeNoticeDays = noticeDays,
        Evaluation = new EvaluationPolicy { Cadence = PeriodUnit.Quarter, GraceEvaluations = 1, RampMonths = 0 },
        Tiers =
        [
            new TierDefinition { Id = "registered", Name = "Registered" },
            new TierDefinition
            {
                Id = "silver", Name = "Silver", Criteria = [new TierCriterion(Metric.WonRevenue, 100_000, Year)],
                Benefits = new TierBenefits { DiscountPercent = 10 },
            },
            new TierDefinition
            {
                Id = "gold", Name = "Gold", Criteria = [new TierCriterion(Metric.WonRevenue, 500_000, Year)],
                Benefits = new TierBenefits { DiscountPercent = 15 },
            },
        ],
    };

    /// <summary>A published version, written straight into the database.</summary>
    public async Task<ProgramVersion> PublishedProgram(ProgramDefinition definition, DateOnly effectiveOn)
    {
        await using var db = app.Db();
        var number = db.ProgramVersions.Select(v => (int?)v.Number).Max() ?? 0;
        var version = new ProgramVersion
        {
            Number = number + 1, Document = ProgramFile.Write(definition), CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "tests",
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        version.Publish(effectiveOn, DateTimeOffset.UtcNow, "tests");
        db.ProgramVersions.Add(version);
        await db.SaveChangesAsync();
        return version;
    }

    /// <summary>A deal won on <paramref name="closedOn"/> for <paramref name="amount"/> US dollars.</summary>
    public async Task<Deal> WonDeal(Partner partner, decimal amount, DateOnly closedOn)
    {
        var deal = await Deal(partner, $"Won Customer {Next()}", status: DealStatus.Won,
                              registeredAt: new DateTimeOffset(closedOn.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await using var db = app.Db();
        db.Attach(deal);
        (deal.ActualAmountMinor, deal.ClosedOn, deal.QualifiedOn) = ((long)(amount * 100), closedOn, closedOn);
        await db.SaveChangesAsync();
        return deal;
    }
}
