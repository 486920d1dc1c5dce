using System.Globalization;
using Accrue.Engine.Training;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tests.Training;

/// <summary>
/// The Sales certification and its people with readable defaults: Foundations, Pricing and the Sales
/// Exam (passing 70) earn it for 12 months; the Sales Refresher renews it. Tests change only what
/// they are about, with `with`.
/// </summary>
static class A
{
    public static readonly Guid Ana = Id(0xa1);
    public static readonly Guid Ben = Id(0xb1);
    public static readonly Guid Cho = Id(0xc1);

    public static readonly Guid Foundations = Id(0x101);
    public static readonly Guid Pricing = Id(0x102);
    public static readonly Guid Exam = Id(0x103);
    public static readonly Guid Refresher = Id(0x104);
    public static readonly Guid Unrelated = Id(0x105);

    public static readonly Guid SalesCertification = Id(0x5a1e5);
    public static readonly Guid TechCertification = Id(0x7ec);

    public static readonly IReadOnlyDictionary<Guid, string> ModuleNames = new Dictionary<Guid, string>
    {
        [Foundations] = "Sales Foundations",
        [Pricing] = "Pricing",
        [Exam] = "Sales Exam",
        [Refresher] = "Sales Refresher",
        [Unrelated] = "Partner Portal Tour",
    };

    public static CertificationRule Sales(int validMonths = 12) =>
        new(SalesCertification, "Sales Certified", CertificationTrack.Sales, [Foundations, Pricing, Exam], Exam, 70m, validMonths, Refresher);

    /// <summary>"Foundations on 2026-03-14" for Ana; the exam with a score.</summary>
    public static Completion Done(Guid module, string on, decimal? score = null, Guid? person = null) =>
        new(person ?? Ana, module, Day(on), score);

    /// <summary>Everything the Sales certification needs, the exam (score 86) last, on one day.</summary>
    public static Completion[] Certified(string on, Guid? person = null) =>
        [Done(Foundations, on, person: person), Done(Pricing, on, person: person), Done(Exam, on, 86m, person)];

    public static CertificationHistory Derive(string asOf, params Completion[] completions) =>
        CertificationGrants.Derive(Sales(), Ana, completions, Day(asOf), ModuleNames);

    public static CertificationPeriod Period(string from, string until, Guid? person = null, CertificationTrack track = CertificationTrack.Sales,
                                             Guid? certification = null) =>
        new(person ?? Ana, certification ?? SalesCertification, track, Day(from), Day(until));

    public static DateWindow Window(string start, string end) => new(Day(start), Day(end));

    public static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    static Guid Id(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:x12}");
}
