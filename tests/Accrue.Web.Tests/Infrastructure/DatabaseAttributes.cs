using System.Reflection;
using Xunit.Sdk;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>A theory row that runs the test on SQLite.</summary>
/// <remarks>Further arguments follow the database in the row.</remarks>
public sealed class SqliteDataAttribute(params object[] arguments) : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Database.Sqlite, .. arguments]];
}

/// <summary>A theory row that runs the test on PostgreSQL, skipped on a developer machine without one.</summary>
/// <remarks>xunit 2 reads a data row's Skip when it discovers the test, so it is set here, from the environment.</remarks>
public sealed class PostgresDataAttribute : DataAttribute
{
    readonly object[] arguments;

    public PostgresDataAttribute(params object[] arguments)
    {
        this.arguments = arguments;
        Skip = PostgresServer.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Database.Postgres, .. arguments]];
}

/// <summary>A fact about PostgreSQL alone, skipped on a developer machine without one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresServer.SkipReason;
}
