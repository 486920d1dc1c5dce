using Accrue.Data.Partners;
using Accrue.Engine.Training;

namespace Accrue.Data.Training;

public enum CompletionSource { Manual, Import, Api }

/// <summary>A person (a partner's contact) completed a module. One per person, module and day.</summary>
public sealed class ModuleCompletion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public Contact? Person { get; init; }
    public Guid ModuleId { get; init; }
    public TrainingModule? Module { get; init; }
    public DateOnly CompletedOn { get; init; }
    public decimal? Score { get; set; }
    public CompletionSource Source { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}

/// <summary>A period in which a person holds a certification, derived from completions by the engine: valid on [ValidFrom, ValidUntil).</summary>
public sealed class CertificationHolding
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public Contact? Person { get; init; }
    public Guid CertificationId { get; init; }
    public Certification? Certification { get; init; }
    public CertificationTrack Track { get; init; }
    public DateOnly ValidFrom { get; init; }
    public DateOnly ValidUntil { get; init; }
}

/// <summary>A seat a person took in a live session.</summary>
public sealed class LiveSessionSeat
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SessionId { get; init; }
    public LiveSession? Session { get; init; }
    public Guid PersonId { get; init; }
    public Contact? Person { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>A certification earned, renewed or lapsed, as the engine explained it; recorded once, and audited.</summary>
public sealed class CertificationChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PersonId { get; init; }
    public Contact? Person { get; init; }
    public Guid CertificationId { get; init; }
    public CertificationEventKind Kind { get; init; }
    public DateOnly On { get; init; }
    public required string Explanation { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
