using Accrue.Engine.Incentives;
using Accrue.Engine.Program;
using Accrue.Web.Features.Program;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.ProgramVersions;

/// <summary>The draft's Form tab edits the same model as the file: whatever it does not edit must come back as it was.</summary>
public class DraftFormTests
{
    [Fact]
    public void A_draft_saved_through_the_form_keeps_its_incentive_rules_and_cash_budget()
    {
        var check = ProgramFile.Read(File.ReadAllText(Repository.PathOf("docs/examples/program.yaml")));
        Assert.True(check.IsValid, string.Join("; ", check.Problems));
        var definition = check.Definition!;
        Assert.NotEmpty(definition.Incentives);
        Assert.NotNull(definition.CashBudget);

        var throughTheForm = DraftForm.From(definition).ToDefinition();

        Assert.Equal(definition.Incentives.Count, throughTheForm.Incentives.Count);
        Assert.Equal(definition.CashBudget, throughTheForm.CashBudget);
        Assert.Equal(ProgramFile.Write(definition), ProgramFile.Write(throughTheForm));
    }

    [Fact]
    public void The_demo_programs_rules_come_back_from_the_form_as_they_were()
    {
        var demo = Accrue.Web.Features.Demo.DemoTiers.Program;
        Assert.Equal(ProgramFile.Write(demo), ProgramFile.Write(DraftForm.From(demo).ToDefinition()));
    }

    [Fact]
    public void A_rule_whose_kind_changes_writes_only_the_fields_its_new_kind_reads()
    {
        var form = DraftForm.From(Seed.ThreeTiers());
        var rule = new IncentiveRuleForm
        {
            Id = "launch", Name = "Launch", Kind = IncentiveKind.Rebate, Brackets = [new BracketForm { RatePercent = 2 }], RatePercent = 7,
            Budget = 5_000, BudgetMode = BudgetMode.FirstCome, ExclusiveGroup = "launch", MaxCount = 3,
        };
        form.Incentives.Add(rule);

        // A rebate is paid on revenue: no SPIFF count, no group, no first-come budget, no flat rate.
        var asRebate = form.ToDefinition();
        Assert.Empty(ProgramValidation.Check(asRebate));
        var rebate = asRebate.Incentives[0];
        Assert.Equal((0m, (int?)null, (string?)null, 1, BudgetMode.ProRata),
                     (rebate.RatePercent, rebate.MaxCount, rebate.ExclusiveGroup, rebate.Brackets.Count, rebate.BudgetMode));

        rule.Kind = IncentiveKind.Spiff;
        rule.SpiffAmount = 250;
        var asSpiff = form.ToDefinition();
        Assert.Empty(ProgramValidation.Check(asSpiff));
        var spiff = asSpiff.Incentives[0];
        Assert.Equal((0, 0m, 3, "launch", BudgetMode.FirstCome), (spiff.Brackets.Count, spiff.RatePercent, spiff.MaxCount, spiff.ExclusiveGroup, spiff.BudgetMode));

        // Back to a rebate: what the form kept (the brackets) is still there.
        rule.Kind = IncentiveKind.Rebate;
        Assert.Equal(2m, form.ToDefinition().Incentives[0].Brackets[0].RatePercent);
    }
}
