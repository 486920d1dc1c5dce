// The public shape of the training engine, agreed before its implementation: the web side is
// written against these types. Implementations live beside this file.
namespace Accrue.Engine.Training;

public enum ModuleLevel { Fundamentals, Intermediate, Advanced }

/// <summary>The stage of the customer's buying journey a module prepares the partner for.</summary>
public enum BuyerStage { Awareness, Consideration, Decision }

public enum ModuleFormat { Live, OnDemand }

public enum CertificationTrack { Sales, PreSales, Technical }

/// <summary>What earns a certification and how long it lasts.</summary>
/// <param name="RequiredModuleIds">Every module that must be completed (the exam is a module too).</param>
/// <param name="ExamModuleId">The exam among them, if any; it counts only with a score at or above <paramref name="PassingScore"/>.</param>
/// <param name="ValidMonths">How many calendar months a certification stays valid after it is earned or renewed.</param>
/// <param name="RefresherModuleId">The module that renews it.</param>
public sealed record CertificationRule(
    Guid CertificationId, string Name, CertificationTrack Track, IReadOnlyList<Guid> RequiredModuleIds, Guid? ExamModuleId,
    decimal PassingScore, int ValidMonths, Guid? RefresherModuleId);

/// <summary>A person completed a module on a day, perhaps with a score (0–100).</summary>
public sealed record Completion(Guid PersonId, Guid ModuleId, DateOnly CompletedOn, decimal? Score);

/// <summary>A period in which a person held a certification: valid on [ValidFrom, ValidUntil), lapsed on ValidUntil.</summary>
public sealed record CertificationPeriod(Guid PersonId, Guid CertificationId, CertificationTrack Track, DateOnly ValidFrom, DateOnly ValidUntil);

public enum CertificationEventKind { Earned, Renewed, Lapsed }

/// <summary>Something that happened to a person's certification, with the reason in words.</summary>
public sealed record CertificationEvent(CertificationEventKind Kind, Guid PersonId, Guid CertificationId, DateOnly On, string Explanation);

/// <summary>A person's certification history derived from completions: the periods of validity and the events that made them.</summary>
public sealed record CertificationHistory(IReadOnlyList<CertificationPeriod> Periods, IReadOnlyList<CertificationEvent> Events);
