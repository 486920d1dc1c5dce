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

        Assert.Equal(definition.Incentives, throughTheForm.Incentives);
        Assert.Equal(definition.CashBudget, throughTheForm.CashBudget);
        Assert.Equal(ProgramFile.Write(definition), ProgramFile.Write(throughTheForm));
    }
}
