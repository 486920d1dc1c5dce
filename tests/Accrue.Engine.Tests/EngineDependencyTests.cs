using Accrue.Engine.Partners;

namespace Accrue.Engine.Tests;

public class EngineDependencyTests
{
    /// <summary>The engine is pure: no database, no web framework. Data and Web depend on it, never the reverse.</summary>
    [Fact]
    public void The_engine_references_neither_EF_Core_nor_ASP_NET_Core_nor_our_other_projects()
    {
        var references = typeof(PartnerLifecycle).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains(references, r => r.StartsWith("System.", StringComparison.Ordinal));   // the check reads real references
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r is "Accrue.Data" or "accrue");
    }
}
