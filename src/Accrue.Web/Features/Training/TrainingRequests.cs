using Accrue.Engine.Training;
using FluentValidation;

namespace Accrue.Web.Features.Training;

public sealed record SaveModuleRequest(
    string Code, string Title, string Product, ModuleLevel Level, BuyerStage BuyerStage, ModuleFormat Format, int DurationMinutes, string? Link = null)
{
    public static readonly IValidator<SaveModuleRequest> Validator = new SaveModuleValidator();

    sealed class SaveModuleValidator : AbstractValidator<SaveModuleRequest>
    {
        public SaveModuleValidator()
        {
            RuleFor(r => r.Code).NotEmpty().WithMessage("Give the module the code your learning system uses.").MaximumLength(50)
                .Matches("^[A-Za-z0-9._-]+$").WithMessage("A code has letters, digits, '.', '_' and '-' only.");
            RuleFor(r => r.Title).NotEmpty().WithMessage("Enter a title.").MaximumLength(200);
            RuleFor(r => r.Product).NotEmpty().WithMessage("Name the product it teaches.").MaximumLength(100);
            RuleFor(r => r.Level).IsInEnum();
            RuleFor(r => r.BuyerStage).IsInEnum();
            RuleFor(r => r.Format).IsInEnum();
            RuleFor(r => r.DurationMinutes).InclusiveBetween(5, 60 * 40).WithMessage("A module lasts between 5 minutes and 40 hours.");
            RuleFor(r => r.Link).Must(l => Uri.TryCreate(l, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
                .When(r => !string.IsNullOrWhiteSpace(r.Link)).WithMessage("The link must be a full http:// or https:// address.");
        }
    }
}

public sealed record SaveCertificationRequest(
    string Code, string Name, CertificationTrack Track, IReadOnlyList<Guid> RequiredModuleIds, Guid? ExamModuleId, decimal PassingScore,
    int ValidMonths, Guid? RefresherModuleId)
{
    public static readonly IValidator<SaveCertificationRequest> Validator = new SaveCertificationValidator();

    sealed class SaveCertificationValidator : AbstractValidator<SaveCertificationRequest>
    {
        public SaveCertificationValidator()
        {
            RuleFor(r => r.Code).NotEmpty().MaximumLength(50).Matches("^[A-Za-z0-9._-]+$").WithMessage("A code has letters, digits, '.', '_' and '-' only.");
            RuleFor(r => r.Name).NotEmpty().WithMessage("Name the certification.").MaximumLength(200);
            RuleFor(r => r.Track).IsInEnum();
            RuleFor(r => r.RequiredModuleIds).NotEmpty().WithMessage("A certification needs at least one module.");
            RuleFor(r => r.ExamModuleId).Must((r, exam) => exam is null || r.RequiredModuleIds.Contains(exam.Value))
                .WithMessage("The exam must be one of the required modules.");
            RuleFor(r => r.PassingScore).InclusiveBetween(0, 100).WithMessage("A passing score is between 0 and 100.");
            RuleFor(r => r.ValidMonths).InclusiveBetween(1, 120).WithMessage("A certification stays valid between 1 and 120 months.");
        }
    }
}

/// <summary>A learning path: its name, what it is for, and its modules in the order to take them.</summary>
public sealed record SaveLearningPathRequest(string Name, string? Description, IReadOnlyList<Guid> ModuleIds)
{
    public static readonly IValidator<SaveLearningPathRequest> Validator = new SaveLearningPathValidator();

    sealed class SaveLearningPathValidator : AbstractValidator<SaveLearningPathRequest>
    {
        public SaveLearningPathValidator()
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Name the learning path.").MaximumLength(200);
            RuleFor(r => r.Description).MaximumLength(2000);
            RuleFor(r => r.ModuleIds).NotEmpty().WithMessage("A learning path needs at least one module.")
                .Must(ids => ids.Count <= 50).WithMessage("A learning path has at most 50 modules.")
                .Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("Each module appears once in a learning path.");
        }
    }
}

public sealed record SaveLiveSessionRequest(Guid ModuleId, DateTimeOffset StartsAt, string TimeZone, int DurationMinutes, int Capacity, string? Location);

public sealed record RecordCompletionRequest(Guid PersonId, string ModuleCode, DateOnly CompletedOn, decimal? Score = null);

public sealed record ModuleView(Guid Id, string Code, string Title, string Product, ModuleLevel Level, BuyerStage BuyerStage, ModuleFormat Format,
                                int DurationMinutes, string? Link);
public sealed record CertificationView(Guid Id, string Code, string Name, CertificationTrack Track, IReadOnlyList<string> RequiredModules,
                                       string? ExamModule, decimal PassingScore, int ValidMonths, string? RefresherModule);
public sealed record PathView(Guid Id, string Name, string? Description, IReadOnlyList<string> Modules, IReadOnlyList<Guid> ModuleIds);
public sealed record LiveSessionView(Guid Id, string Module, DateTimeOffset StartsAt, string TimeZone, string LocalStart, int DurationMinutes,
                                     int Capacity, int Taken, string? Location);

/// <summary>A person's certification as it stands today, with its history in words.</summary>
public sealed record HeldCertification(Guid CertificationId, string Name, CertificationTrack Track, DateOnly ValidFrom, DateOnly ValidUntil, bool ValidToday);

public sealed record PersonTraining(Guid PersonId, string Name, string Email, Guid PartnerId, int Completions, IReadOnlyList<HeldCertification> Certifications,
                                    IReadOnlyList<string> RecommendedModules);

public sealed record ExpiringCertification(Guid PersonId, string PersonName, Guid PartnerId, string PartnerName, string Certification, DateOnly ValidUntil, int DaysLeft,
                                           string? Refresher);

public sealed record CompletionRow(Guid PersonId, string PersonName, string ModuleCode, string ModuleTitle, DateOnly CompletedOn, decimal? Score, string Source);

public sealed record MonthCount(string Month, int Completions);

/// <summary>A partner's training at a glance; the numbers are the engine's metrics over the last 12 months.</summary>
public sealed record TrainingSummary(int People, int CertifiedPeople, int DistinctCertificationsEarned, int Completions, IReadOnlyList<MonthCount> ByMonth);

public sealed record CompletionImportResult(int Created, int Updated, int Unchanged, int CertificationsEarned);
