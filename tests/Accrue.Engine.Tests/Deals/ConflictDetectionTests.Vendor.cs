using Accrue.Engine.Deals;
using static Accrue.Engine.Tests.Deals.A;

namespace Accrue.Engine.Tests.Deals;

public partial class ConflictDetectionTests
{
    static VendorOpportunity Opportunity(string id = "CRM-42", string customer = "Acme", string? domain = null, string createdOn = "2026-02-10") =>
        new(id, customer, domain, "Jane Roe", Day(createdOn));

    [Fact]
    public void The_vendor_s_own_opportunity_is_explained_with_its_id_owner_and_date()
    {
        var report = ConflictDetection.Find(Candidate("Acme, Inc."), [], [Opportunity()], MatchPolicy.Default);
        Assert.Equal(new Conflict(ConflictKind.VendorPipeline, null, "CRM-42", 1,
            "the vendor's own pipeline has \"Acme\" (opportunity CRM-42, owner Jane Roe) since 2026-02-10"), Assert.Single(report.Conflicts));
    }

    [Theory]
    [InlineData("Acme", null, "2026-04-01", true)]                 // opened on the registration day
    [InlineData("Acme", null, "2026-04-02", false)]                // opened after it: the partner was first
    [InlineData("Acme Robotics Group", "acme.com", "2026-03-01", true)]   // matched by domain
    [InlineData("Acma Robotics", "acma.io", "2026-03-01", false)]
    public void A_vendor_opportunity_for_the_customer_opened_by_the_registration_day_conflicts(
        string customer, string? domain, string createdOn, bool conflicts)
    {
        var report = ConflictDetection.Find(Candidate(on: "2026-04-01T18:00:00Z"), [], [Opportunity(customer: customer, domain: domain, createdOn: createdOn)], MatchPolicy.Default);
        Assert.Equal(conflicts, !report.IsClean);
    }

    [Fact]
    public void Conflicts_come_in_registration_order_with_the_vendor_s_last()
    {
        Guid Id(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:x12}");
        RivalRegistration[] rivals =
        [
            Rival(on: "2026-03-20") with { DealId = Id(1) },
            Rival(on: "2026-03-02T10:00:00Z") with { DealId = Id(3) },
            Rival(on: "2026-03-02T10:00:00Z") with { DealId = Id(2) },   // the same instant: the smaller id first
        ];
        VendorOpportunity[] pipeline = [Opportunity("CRM-9", createdOn: "2026-03-01"), Opportunity("CRM-10", createdOn: "2026-03-01"), Opportunity("CRM-1", createdOn: "2026-03-05")];

        var report = ConflictDetection.Find(Candidate(), rivals, pipeline, MatchPolicy.Default);

        Assert.Equal([Id(2), Id(3), Id(1), null, null, null], report.Conflicts.Select(c => c.RivalDealId));
        Assert.Equal([null, null, null, "CRM-10", "CRM-9", "CRM-1"], report.Conflicts.Select(c => c.VendorOpportunityId));   // by date, then id
    }

    [Fact]
    public void Vendor_opportunities_of_one_day_are_ordered_by_id_ordinally_whatever_the_culture()
    {
        var report = ConflictDetection.Find(Candidate(), [], [Opportunity("crm-1"), Opportunity("CRM-2")], MatchPolicy.Default);
        Assert.Equal(["CRM-2", "crm-1"], report.Conflicts.Select(c => c.VendorOpportunityId));   // 'C' sorts before 'c'
    }

    [Fact]
    public void A_stricter_policy_lets_a_typo_through() =>
        Assert.True(ConflictDetection.Find(Candidate("Contoso Pharmaceuticals", null), [Rival("Contoso Pharmaceutical", null)], [], new MatchPolicy(0.995)).IsClean);

    [Fact]
    public void An_opportunity_copied_with_another_customer_is_compared_by_the_new_customer_not_the_old()
    {
        var opportunity = Opportunity(customer: "Acme", domain: "acme.com");
        Assert.Single(ConflictDetection.Find(Candidate("Acme", "acme.com"), [], [opportunity], MatchPolicy.Default).Conflicts);

        var renamed = opportunity with { CustomerName = "Globex", CustomerDomain = "globex.com" };
        Assert.Empty(ConflictDetection.Find(Candidate("Acme", "acme.com"), [], [renamed], MatchPolicy.Default).Conflicts);
        Assert.Single(ConflictDetection.Find(Candidate("Globex Corporation", "globex.com"), [], [renamed], MatchPolicy.Default).Conflicts);
    }

    [Fact]
    public void Opportunities_are_equal_by_their_fields_whether_or_not_their_normal_forms_were_worked_out()
    {
        var compared = Opportunity();
        ConflictDetection.Find(Candidate(), [], [compared], MatchPolicy.Default);
        Assert.Equal(Opportunity(), compared);
        Assert.Equal(Opportunity().GetHashCode(), compared.GetHashCode());
        Assert.NotEqual(compared with { Owner = "John Doe" }, compared);
    }
}
