using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Incentives;

/// <summary>
/// A period's calculation kept in memory so that a change to some partners' deals recomputes those
/// partners alone: after a deal changes, <see cref="Update"/> takes the touched partners' facts
/// and gives the same result as a full <see cref="IncentiveCalculation.Calculate"/> over the new facts.
/// </summary>
/// <remarks>
/// What a rule earns for one partner depends on that partner's facts alone, so only the touched
/// partners are earned again. Rule budgets and the cash budget share a total among all partners:
/// one partner's change moves everyone's pro-rata share, so those steps run again over every line
/// (a pass over lines, not deals). Lines whose amount did not change keep their materialised
/// <see cref="AccrualLine"/>. Not thread-safe: one update at a time.
/// </remarks>
public sealed class IncrementalCalculation
{
    readonly IncentiveCalculation.Context start;
    readonly IReadOnlyDictionary<Guid, string> tiersInForce;
    readonly IReadOnlyDictionary<Guid, decimal> targets;
    readonly ParallelOptions options;
    /// <summary>Partners in id order, with their capped lines (null: none).</summary>
    Guid[] partners;
    List<Pending>?[] linesOf;
    Dictionary<Guid, int>? positionOf;

    /// <summary>The result over the facts as they stand after the last update.</summary>
    public IncentiveResult Result { get; private set; }

    IncrementalCalculation(IncentiveCalculation.Context start, IReadOnlyDictionary<Guid, string> tiersInForce,
                           IReadOnlyDictionary<Guid, decimal> targets, ParallelOptions options, Guid[] partners, List<Pending>?[] linesOf)
    {
        (this.start, this.tiersInForce, this.targets, this.options, this.partners, this.linesOf) =
            (start, tiersInForce, targets, options, partners, linesOf);
        Result = IncentiveCalculation.Finish(start, Flatten(), options);
    }

    /// <summary>A full calculation, kept for updates; the arguments are those of <see cref="IncentiveCalculation.Calculate"/>.</summary>
    public static IncrementalCalculation Start(
        ProgramDefinition program, Period period, DateOnly asOf, IncentiveFacts facts,
        IReadOnlyDictionary<Guid, string> tiersInForce, IReadOnlyDictionary<Guid, decimal> targets, int? maxThreads = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(facts);
        CheckCurrency(program, facts);
        var context = IncentiveCalculation.Context.Of(program, period, asOf, facts, tiersInForce, targets);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads ?? -1 };
        var perPartner = IncentiveCalculation.EarnAll(context, options);
        var ids = facts.Partners.ToArray();
        Array.Sort(ids, perPartner, GuidOrder.Instance);
        return new IncrementalCalculation(context, tiersInForce, targets, options, ids, perPartner);
    }

    /// <summary>Recomputes the partners of <paramref name="touched"/> from it, then the budgets over everyone.</summary>
    /// <param name="touched">
    /// The complete facts of each partner a change touched (all its won deals and certification
    /// events, not only the changed ones). A partner listed with no facts earns nothing now; a
    /// partner not seen before joins. Partners not listed keep what they had.
    /// </param>
    public IncentiveResult Update(IncentiveFacts touched)
    {
        ArgumentNullException.ThrowIfNull(touched);
        CheckCurrency(start.Program, touched);
        var context = IncentiveCalculation.Context.Of(
            start.Program, start.Period, DateOnly.FromDayNumber(start.AsOf), touched, tiersInForce, targets);
        var earned = IncentiveCalculation.EarnAll(context, options);

        positionOf ??= Positions(partners);
        var joining = new List<(Guid Partner, List<Pending>? Lines)>();
        for (var p = 0; p < touched.Partners.Length; p++)
        {
            if (positionOf.TryGetValue(touched.Partners[p], out var at)) linesOf[at] = earned[p];
            else joining.Add((touched.Partners[p], earned[p]));
        }
        if (joining.Count > 0) Join(joining);

        Result = IncentiveCalculation.Finish(start, Flatten(), options);
        return Result;
    }

    void Join(List<(Guid Partner, List<Pending>? Lines)> joining)
    {
        var ids = partners.Concat(joining.Select(j => j.Partner)).ToArray();
        var lines = linesOf.Concat(joining.Select(j => j.Lines)).ToArray();
        Array.Sort(ids, lines, GuidOrder.Instance);
        (partners, linesOf, positionOf) = (ids, lines, Positions(ids));
    }

    Pending[] Flatten()
    {
        var count = 0;
        foreach (var lines in linesOf) count += lines?.Count ?? 0;
        var all = new Pending[count];
        var i = 0;
        foreach (var lines in linesOf)
            if (lines is not null) foreach (var line in lines) all[i++] = line;
        return all;
    }

    static Dictionary<Guid, int> Positions(Guid[] ids)
    {
        var positions = new Dictionary<Guid, int>(ids.Length);
        for (var i = 0; i < ids.Length; i++) positions[ids[i]] = i;
        return positions;
    }

    static void CheckCurrency(ProgramDefinition program, IncentiveFacts facts)
    {
        if (facts.Currency != program.Currency)
            throw new ArgumentException($"The facts are in {facts.Currency} but the program pays in {program.Currency}.", nameof(facts));
    }
}
