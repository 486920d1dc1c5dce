using Accrue.Engine.Training;

namespace Accrue.Data.Training;

/// <summary>Something to learn: a course, a lab, an exam.</summary>
public sealed class TrainingModule
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The module's code in the learning system; completions are imported by it.</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }
    public required string Product { get; set; }
    public ModuleLevel Level { get; set; }
    public BuyerStage BuyerStage { get; set; }
    public ModuleFormat Format { get; set; }
    public int DurationMinutes { get; set; }
    public string? Link { get; set; }
}

/// <summary>An ordered series of modules.</summary>
public sealed class LearningPath
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<LearningPathStep> Steps { get; init; } = [];
}

public sealed class LearningPathStep
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PathId { get; init; }
    public Guid ModuleId { get; init; }
    public TrainingModule? Module { get; init; }
    public int Position { get; set; }
}

/// <summary>A certification: the modules (and exam) that earn it, its track, how long it lasts, and what renews it.</summary>
public sealed class Certification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public CertificationTrack Track { get; set; }
    public int ValidMonths { get; set; } = 24;
    public Guid? ExamModuleId { get; set; }
    public decimal PassingScore { get; set; } = 70;
    public Guid? RefresherModuleId { get; set; }
    public List<CertificationRequirement> Requirements { get; init; } = [];

    public CertificationRule ToRule() => new(Id, Name, Track, Requirements.Select(r => r.ModuleId).ToList(), ExamModuleId, PassingScore, ValidMonths, RefresherModuleId);
}

public sealed class CertificationRequirement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CertificationId { get; init; }
    public Guid ModuleId { get; init; }
}

/// <summary>A scheduled live training that people register for; the calendar will show it.</summary>
public sealed class LiveSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ModuleId { get; init; }
    public TrainingModule? Module { get; init; }
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>The IANA time zone the session is announced in, e.g. Europe/Berlin.</summary>
    public required string TimeZone { get; set; }
    public int DurationMinutes { get; set; }
    public int Capacity { get; set; }
    public string? Location { get; set; }
    public List<LiveSessionSeat> Seats { get; init; } = [];
}
