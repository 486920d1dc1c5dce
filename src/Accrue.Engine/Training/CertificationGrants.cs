namespace Accrue.Engine.Training;

/// <summary>A person's certification history, derived from their module completions as of a day.</summary>
/// <remarks>
/// Completions are read in date order (ties: module id, then the higher score first); other people's,
/// other modules' and those after <c>asOf</c> are ignored. Periods are half-open [ValidFrom, ValidUntil).
/// <list type="bullet">
/// <item>Earned: on the day the last still-missing required module is completed (any order). The exam
/// counts only with a score at or above the passing score; a completion without a score does not pass.
/// An exam that the rule does not list among its required modules is required all the same.</item>
/// <item>Renewed: a refresher completed while the certification is valid moves the period's end by
/// ValidMonths, from the old end: no gap, and renewing early loses nothing. Each end is renewed once:
/// after a renewal, the next refresher counts only from the old end (the day the renewed term begins);
/// one before it renews nothing, so renewing twice early gains nothing either.</item>
/// <item>Lapsed: on the period's end day, when no refresher came before it. A refresher on the end day
/// itself is too late for the old period and starts a new one.</item>
/// <item>After a lapse, a refresher starts a new period from its own day; completing every requirement
/// again (counting only completions made on or after the lapse) earns it again. Required modules
/// completed while the certification is valid count toward nothing. A refresher before the
/// certification was ever earned does nothing.</item>
/// </list>
/// Months are calendar months as <see cref="DateOnly.AddMonths"/> counts them: the same day of the
/// month, or the month's last day when it is shorter (2026-01-31 + 1 month = 2026-02-28;
/// 2028-01-31 + 1 month = 2028-02-29).
/// </remarks>
public static class CertificationGrants
{
    public static CertificationHistory Derive(CertificationRule rule, Guid personId, IReadOnlyList<Completion> completions, DateOnly asOf) =>
        Derive(rule, personId, completions, asOf, moduleNames: null);

    /// <param name="moduleNames">Names for the explanations; a module without one is named by its id.</param>
    public static CertificationHistory Derive(CertificationRule rule, Guid personId, IReadOnlyList<Completion> completions, DateOnly asOf,
                                              IReadOnlyDictionary<Guid, string>? moduleNames)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(completions);
        if (rule.ValidMonths < 1)
            throw new ArgumentOutOfRangeException(nameof(rule), rule.ValidMonths, $"Certification {rule.Name} must stay valid for at least one month.");
        if (rule.RequiredModuleIds.Count == 0 && rule.ExamModuleId is null)
            throw new ArgumentException($"Certification {rule.Name} requires no module, so nothing could earn it.", nameof(rule));

        var holder = new Holder(rule, personId, new CertificationWording(rule, moduleNames));
        var relevant = completions
            .Where(c => c.PersonId == personId && c.CompletedOn <= asOf && (holder.IsRequired(c.ModuleId) || c.ModuleId == rule.RefresherModuleId))
            .OrderBy(c => c.CompletedOn).ThenBy(c => c.ModuleId).ThenByDescending(c => c.Score ?? decimal.MinValue);
        foreach (var completion in relevant)
            holder.Record(completion);
        return holder.HistoryAsOf(asOf);
    }

    /// <summary>Walks one person's completions in order, holding the open period and the progress toward earning.</summary>
    sealed class Holder(CertificationRule rule, Guid personId, CertificationWording wording)
    {
        readonly HashSet<Guid> required = [.. rule.RequiredModuleIds, .. rule.ExamModuleId is { } exam ? [exam] : Array.Empty<Guid>()];
        readonly Dictionary<Guid, Completion> progress = [];
        readonly List<CertificationPeriod> periods = [];
        readonly List<CertificationEvent> events = [];
        (DateOnly From, DateOnly Until, DateOnly TermStart)? open;

        public bool IsRequired(Guid moduleId) => required.Contains(moduleId);

        public void Record(Completion completion)
        {
            var day = completion.CompletedOn;
            LapseBy(day);
            if (open is var (from, until, termStart))
            {
                if (completion.ModuleId == rule.RefresherModuleId && day >= termStart)
                {
                    var renewedUntil = until.AddMonths(rule.ValidMonths);
                    open = (from, renewedUntil, until);
                    Add(CertificationEventKind.Renewed, day, wording.Renewed(day, renewedUntil));
                }
                return;
            }
            if (completion.ModuleId == rule.RefresherModuleId && periods.Count > 0)
            {
                Open(day);
                Add(CertificationEventKind.Renewed, day, wording.RenewedAfterLapse(day, open!.Value.Until));
                return;
            }
            if (IsRequired(completion.ModuleId) && Passes(completion))
            {
                progress.TryAdd(completion.ModuleId, completion);
                if (progress.Count == required.Count)
                {
                    var explanation = wording.Earned(day, again: periods.Count > 0, progress);
                    Open(day);
                    Add(CertificationEventKind.Earned, day, explanation);
                }
            }
        }

        public CertificationHistory HistoryAsOf(DateOnly asOf)
        {
            LapseBy(asOf);
            List<CertificationPeriod> all = open is var (from, until, _) ? [.. periods, Period(from, until)] : periods;
            return new CertificationHistory(all, events);
        }

        bool Passes(Completion completion) =>
            completion.ModuleId != rule.ExamModuleId || completion.Score >= rule.PassingScore;

        /// <summary>Closes the open period if it ended on or before the day: half-open, it has lapsed on its end day.</summary>
        void LapseBy(DateOnly day)
        {
            if (open is not var (from, until, _) || until > day)
                return;
            periods.Add(Period(from, until));
            open = null;
            Add(CertificationEventKind.Lapsed, until, wording.Lapsed(until));
        }

        void Open(DateOnly day)
        {
            open = (day, day.AddMonths(rule.ValidMonths), day);
            progress.Clear();
        }

        CertificationPeriod Period(DateOnly from, DateOnly until) => new(personId, rule.CertificationId, rule.Track, from, until);

        void Add(CertificationEventKind kind, DateOnly on, string explanation) =>
            events.Add(new CertificationEvent(kind, personId, rule.CertificationId, on, explanation));
    }
}
