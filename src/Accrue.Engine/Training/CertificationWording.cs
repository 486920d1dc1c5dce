using System.Globalization;

namespace Accrue.Engine.Training;

/// <summary>The words of certification events: "earned on 2026-03-14: completed Sales Foundations, Pricing and the Sales Exam (score 86, passing 70)".</summary>
sealed class CertificationWording(CertificationRule rule, IReadOnlyDictionary<Guid, string>? moduleNames)
{
    public string Earned(DateOnly on, bool again, IReadOnlyDictionary<Guid, Completion> completed)
    {
        var modules = rule.RequiredModuleIds.Distinct().Where(id => id != rule.ExamModuleId).Select(Name).ToList();
        if (rule.ExamModuleId is { } exam)
            modules.Add($"the {Name(exam)} (score {Number(completed[exam].Score!.Value)}, passing {Number(rule.PassingScore)})");
        return $"earned {(again ? "again " : "")}on {Iso(on)}: completed {List(modules)}";
    }

    public string Renewed(DateOnly on, DateOnly until) =>
        $"renewed on {Iso(on)} with {Refresher}: valid until {Iso(until)}";

    public string RenewedAfterLapse(DateOnly on, DateOnly until) =>
        $"renewed after lapse on {Iso(on)} with {Refresher}: valid from {Iso(on)} until {Iso(until)}";

    public string Lapsed(DateOnly on) => $"lapsed on {Iso(on)}: not renewed before it expired";

    string Refresher => rule.RefresherModuleId is { } id ? Name(id) : "the refresher";

    string Name(Guid moduleId) => moduleNames is not null && moduleNames.TryGetValue(moduleId, out var name) ? name : moduleId.ToString();

    static string List(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
