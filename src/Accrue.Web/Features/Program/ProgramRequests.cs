using Accrue.Data.Program;
using Accrue.Engine.Program;

namespace Accrue.Web.Features.Program;

/// <summary>Where a version stands today: the draft, the one in force, one that takes effect later, or one a later version replaced.</summary>
public enum VersionState { Draft, InForce, Upcoming, Superseded }

public sealed record VersionSummary(
    int Number, VersionState State, DateOnly? EffectiveOn, string? Summary, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>A version with its file and, when the file reads, its definition; a draft may still have problems.</summary>
public sealed record VersionDetail(VersionSummary Version, string Document, ProgramDefinition? Definition, IReadOnlyList<ProgramProblem> Problems, Guid Revision);

/// <summary>The program as partners and staff see it: the version in force and those published to take effect later.</summary>
public sealed record ProgramOverview(VersionDetail? Current, IReadOnlyList<VersionDetail> Upcoming);

/// <summary>The draft's new file; send the revision you edited so that a concurrent edit is not overwritten.</summary>
public sealed record DraftRequest(string Document, string? Summary, Guid? Revision);

public sealed record PublishRequest(DateOnly EffectiveOn);

public sealed record ExchangeRateRow(string Currency, DateOnly From, decimal Rate);

static class VersionViews
{
    public static VersionSummary Summary(ProgramVersion v, VersionState state) =>
        new(v.Number, state, v.EffectiveOn, v.Summary, v.UpdatedAt, v.PublishedAt, v.PublishedBy);
}
