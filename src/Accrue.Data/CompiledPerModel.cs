using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Accrue.Data;

/// <summary>
/// A query compiled once for each model it runs on (SQLite and PostgreSQL each have theirs), for queries made for every
/// registration or group of them: building the LINQ expression and finding it in EF Core's query cache cost the app more
/// than such a query does.
/// </summary>
/// <typeparam name="TQuery">What <c>EF.CompileAsyncQuery</c> gives.</typeparam>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    readonly ConditionalWeakTable<IModel, TQuery> compiled = new();

    public TQuery For(AccrueDb db) => compiled.GetValue(db.Model, _ => compile());
}
