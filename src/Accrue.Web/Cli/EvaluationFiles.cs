using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Accrue.Engine.Metrics;
using Accrue.Engine.Incentives;
using Accrue.Engine.Money;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Engine.Training;
using Accrue.Web.Hosting;

namespace Accrue.Web.Cli;

/// <summary>A partner's row of partners.csv: who it is and where it stands before the evaluation (and, for `accrue calc`, what eligibility reads).</summary>
sealed record PartnerStateRow(string Id, string Name, DateOnly JoinedOn, string TierId, int GraceCount, DateOnly? LockedUntil,
                              PartnerType Type = PartnerType.Reseller, Region Region = Region.NorthAmerica, string? Segment = null);

/// <summary>Everything `accrue evaluate` and `accrue calc` read, as the engine takes it.</summary>
/// <param name="IncentiveDeals">The deals with what incentive rules read beyond the metrics (product, referral, influence, payment).</param>
/// <param name="CertificationsEarned">activities.csv's certification_earned rows: the events certification SPIFFs pay for.</param>
sealed record EvaluationInputs(
    IReadOnlyList<PartnerStateRow> Partners, IReadOnlyList<IncentiveDeal> IncentiveDeals, IReadOnlyList<CertificationFact> Certifications,
    IReadOnlyList<ActivityFact> Activities, IReadOnlyList<CertificationEarned> CertificationsEarned, ExchangeRates Rates, FileIds Ids)
{
    public IReadOnlyList<DealFact> Deals => IncentiveDeals.Select(d => d.Deal).ToList();

    public IReadOnlyList<PartnerTierState> States =>
        Partners.Select(p => new PartnerTierState(Ids.Partner(p.Id), p.TierId, p.GraceCount, p.JoinedOn, p.LockedUntil)).ToList();
}

/// <summary>The files' ids are the user's own words ("P-001"); the engine's are Guids. Each id maps to a Guid derived from it, and back.</summary>
sealed class FileIds
{
    readonly Dictionary<Guid, string> names = [];

    public Guid Partner(string id) => For("partner", id);
    public Guid Deal(string id) => For("deal", id);
    public Guid Other(string kind, string id) => For(kind, id);

    /// <summary>The file's id for a Guid made here ("D-104"), or the Guid itself.</summary>
    public string NameOf(Guid id) => names.TryGetValue(id, out var name) ? name : id.ToString();

    Guid For(string kind, string id)
    {
        var guid = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{id}")).AsSpan(0, 16));
        names[guid] = id;
        return guid;
    }
}

/// <summary>
/// The CSV files of `accrue evaluate` (docs/evaluate.md), on <see cref="CsvFiles"/>: strict on the way in
/// (every problem named by file, line and column, and nothing evaluated while there is one), formula-safe
/// on the way out. partners.csv is read and written in one format, so evaluations chain period after period.
/// </summary>
static class EvaluationFiles
{
    public static readonly string[] PartnerColumns = ["partner_id", "name", "joined_on", "tier", "grace_count", "locked_until"];
    /// <summary>What `accrue calc`'s eligibility reads besides; evaluate accepts and ignores them, and writes partners.csv without them.</summary>
    static readonly string[] IncentivePartnerColumns = ["type", "region", "segment"];
    static readonly string[] DealColumns =
        ["deal_id", "partner_id", "amount", "currency", "registered_on", "registration_approved", "qualified_on", "outcome", "closed_on", "reversed_on",
         "product", "referred", "influenced", "new_logo", "paid_on", "registered_at"];
    static readonly string[] CertificationColumns = ["partner_id", "person_id", "certification_id", "track", "valid_from", "valid_until"];
    static readonly string[] ActivityColumns = ["partner_id", "kind", "on", "subject", "person_id"];
    static readonly string[] RateColumns = ["currency", "from", "rate"];
    public static readonly string[] DecisionColumns =
        ["partner_id", "name", "current_tier", "qualifying_tier", "new_tier", "decision", "approval", "grace", "explanation", "next_tier", "missing_for_next", "criteria"];
    const int MaxRows = 5_000_000;

    /// <summary>The files named on the command line, or every problem in them ("deals.csv, line 4, amount: …").</summary>
    /// <param name="readMore">Reads a command's own files once the partners are known (their ids as the files spell them), so their problems join these.</param>
    public static EvaluationInputs? Read(EvaluateOptions options, ProgramDefinition program, List<string> problems,
                                         Action<HashSet<string>, FileIds>? readMore = null)
    {
        var ids = new FileIds();
        var partners = ReadPartners(options.Partners, program, problems);
        var known = partners.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var deals = new List<IncentiveDeal>();
        var dealIds = new List<(int Line, string Id)>();
        Read(options.Deals, DealColumns, ["deal_id", "partner_id", "amount", "currency", "registered_on", "outcome"], problems, true, row =>
        {
            if (row.Text("deal_id", 100) is { } id) dealIds.Add((row.Line, id));
            if (ParseDeal(row, known, ids) is { } deal) deals.Add(deal);
        });
        var duplicates = new ImportProblems();
        CsvFiles.RefuseDuplicates(dealIds, d => d.Id, d => d.Line, "deal_id", duplicates);
        Add(problems, options.Deals, duplicates);
        var certifications = new List<CertificationFact>();
        if (options.Certifications is { } certificationFile)
            Read(certificationFile, CertificationColumns, CertificationColumns, problems, false, row =>
            {
                if (ParseCertification(row, known, ids) is { } certification) certifications.Add(certification);
            });
        var activities = new List<ActivityFact>();
        var earned = new List<CertificationEarned>();
        if (options.Activities is { } activityFile)
            Read(activityFile, ActivityColumns, ["partner_id", "kind", "on"], problems, false, row =>
            {
                if (ParseActivity(row, known, ids) is not { } activity) return;
                activities.Add(activity);
                // The person orders certification events of one day; without one, the row stands for its own person.
                if (activity.Kind == ActivityKind.CertificationEarned)
                    earned.Add(new CertificationEarned(activity.PartnerId, ids.Other("person", row.Text("person_id", 100) ?? $"activities.csv line {row.Line}"),
                                                       activity.Subject!.Value, activity.On));
            });
        var rates = new ExchangeRates(program.Currency);
        if (options.Rates is { } rateFile)
        {
            var seen = new Dictionary<(string, DateOnly), int>();
            Read(rateFile, RateColumns, RateColumns, problems, false, row => ParseRate(row, rates, seen));
        }
        readMore?.Invoke(known, ids);
        return problems.Count == 0 ? new EvaluationInputs(partners, deals, certifications, activities, earned, rates, ids) : null;
    }

    static List<PartnerStateRow> ReadPartners(string file, ProgramDefinition program, List<string> problems)
    {
        var rows = new List<PartnerStateRow>();
        var ids = new List<(int Line, string Id)>();   // every id, even on a row with other problems, to find those listed twice
        var tiers = program.Tiers.Select(t => t.Id).ToList();
        Read(file, [.. PartnerColumns, .. IncentivePartnerColumns], ["partner_id", "name", "joined_on", "tier"], problems, true, row =>
        {
            var id = row.Text("partner_id", 100, required: true);
            if (id is not null) ids.Add((row.Line, id));
            var name = row.Text("name", 200, required: true);
            var joinedOn = row.Date("joined_on", required: true);
            var tier = row.Text("tier", 100, required: true);
            if (tier is not null && !tiers.Contains(tier))
                row.Problem("tier", $"'{tier}' is not a tier of the program (its tiers: {string.Join(", ", tiers)}).");
            var grace = Whole(row, "grace_count") ?? 0;
            var lockedUntil = row.Date("locked_until");
            var type = Word<PartnerType>(row, "type", required: false) ?? PartnerType.Reseller;
            var region = Word<Region>(row, "region", required: false) ?? Region.NorthAmerica;
            var segment = row.Text("segment", 100);
            if (row.Ok) rows.Add(new PartnerStateRow(id!, name!, joinedOn!.Value, tier!, grace, lockedUntil, type, region, segment));
        });
        var duplicates = new ImportProblems();
        CsvFiles.RefuseDuplicates(ids, r => r.Id, r => r.Line, "partner_id", duplicates);
        Add(problems, file, duplicates);
        return rows;
    }

    static IncentiveDeal? ParseDeal(CsvRow row, HashSet<string> partners, FileIds ids)
    {
        var id = row.Text("deal_id", 100, required: true);
        var partner = Partner(row, partners);
        var amount = row.Amount("amount", required: true);
        var currencyCode = row.Text("currency", 3, required: true)?.ToUpperInvariant();
        Currency? currency = null;
        if (currencyCode is not null && !Currency.TryOf(currencyCode, out currency))
            row.Problem("currency", $"'{currencyCode}' is not a currency code Accrue knows.");
        if (amount is { } a && currency is not null && a * currency.MinorPerMajor % 1 != 0)
            row.Problem("amount", $"'{a.ToString(CultureInfo.InvariantCulture)}' has more decimals than {currency.Code}'s {currency.MinorDigits}.");
        var registeredOn = row.Date("registered_on", required: true);
        var approved = Flag(row, "registration_approved") ?? false;
        var qualifiedOn = row.Date("qualified_on");
        var outcome = Word<DealOutcome>(row, "outcome", required: true);
        var closedOn = row.Date("closed_on");
        var reversedOn = row.Date("reversed_on");
        if (outcome is DealOutcome.Won or DealOutcome.Lost && closedOn is null)
            row.Problem("closed_on", $"A {FileWords.Of(outcome.Value)} deal needs the date it closed.");
        if (outcome is DealOutcome.Open && closedOn is not null) row.Problem("closed_on", "An open deal has no close date.");
        if (reversedOn is not null && outcome is not DealOutcome.Won) row.Problem("reversed_on", "Only a won deal can be reversed.");
        if (reversedOn is { } r && closedOn is { } c && r < c) row.Problem("reversed_on", "A deal is reversed on or after the day it closed.");
        var product = row.Text("product", 100);
        var (referred, influenced, newLogo) = (Flag(row, "referred") ?? false, Flag(row, "influenced") ?? false, Flag(row, "new_logo") ?? false);
        var paidOn = row.Date("paid_on");
        var registeredAt = RegisteredAt(row);
        if (registeredAt is { } at && registeredOn is { } on && DateOnly.FromDateTime(at.UtcDateTime) != on)
            row.Problem("registered_at", $"It is on another day than registered_on ({on:yyyy-MM-dd}).");
        if (!row.Ok) return null;
        var deal = new DealFact(ids.Deal(id!), ids.Partner(partner!), Money.FromDecimal(amount!.Value, currency!.Code).AmountMinor, currency.Code,
            registeredOn!.Value, approved, qualifiedOn, outcome!.Value, closedOn, reversedOn);
        return new IncentiveDeal(deal, product, referred, influenced, newLogo, paidOn, registeredAt);
    }

    /// <summary>An ISO 8601 time with its offset ("2026-07-01T09:30:00Z"); it orders deals registered on one day.</summary>
    static DateTimeOffset? RegisteredAt(CsvRow row)
    {
        if (row.Text("registered_at", 40) is not { } text) return null;
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
                                         DateTimeStyles.AdjustToUniversal, out var at) && text.Length > 19)
            return at;
        row.Problem("registered_at", $"'{text}' is not a time such as 2026-07-01T09:30:00Z (with its offset).");
        return null;
    }

    static CertificationFact? ParseCertification(CsvRow row, HashSet<string> partners, FileIds ids)
    {
        var partner = Partner(row, partners);
        var person = row.Text("person_id", 100, required: true);
        var certification = row.Text("certification_id", 100, required: true);
        var track = Word<CertificationTrack>(row, "track", required: true);
        var from = row.Date("valid_from", required: true);
        var until = row.Date("valid_until", required: true);
        if (from is { } f && until is { } u && u <= f) row.Problem("valid_until", "A certification is valid until a day after valid_from (the end is not included).");
        if (!row.Ok) return null;
        return new CertificationFact(ids.Partner(partner!), ids.Other("person", person!), ids.Other("certification", certification!), track!.Value, from!.Value, until!.Value);
    }

    static ActivityFact? ParseActivity(CsvRow row, HashSet<string> partners, FileIds ids)
    {
        var partner = Partner(row, partners);
        var kind = Word<ActivityKind>(row, "kind", required: true);
        var on = row.Date("on", required: true);
        var subject = row.Text("subject", 100);
        if (kind == ActivityKind.CertificationEarned && subject is null)
            row.Problem("subject", "A certification_earned activity names the certification it earned.");
        if (!row.Ok) return null;
        // A certification earned names the same certification as certifications.csv does, so both map to one id.
        var subjectId = subject is null ? (Guid?)null : ids.Other(kind == ActivityKind.CertificationEarned ? "certification" : "subject", subject);
        return new ActivityFact(ids.Partner(partner!), kind!.Value, on!.Value, subjectId);
    }

    static void ParseRate(CsvRow row, ExchangeRates rates, Dictionary<(string, DateOnly), int> seen)
    {
        var code = row.Text("currency", 3, required: true)?.ToUpperInvariant();
        if (code is not null && !Currency.TryOf(code, out _)) row.Problem("currency", $"'{code}' is not a currency code Accrue knows.");
        if (code == rates.ProgramCurrency) row.Problem("currency", $"{code} is the program currency; its rate is always 1.");
        var from = row.Date("from", required: true);
        var rate = row.Amount("rate", required: true);
        if (rate == 0) row.Problem("rate", "A rate must be above 0.");
        if (!row.Ok) return;
        if (seen.TryGetValue((code!, from!.Value), out var line))
        {
            row.Problem("from", $"{code} already has a rate from {from:yyyy-MM-dd}, on line {line}.");
            return;
        }
        seen[(code!, from.Value)] = row.Line;
        rates.Add(code!, from.Value, rate!.Value);
    }

    internal static string? Partner(CsvRow row, HashSet<string> partners)
    {
        var id = row.Text("partner_id", 100, required: true);
        if (id is not null && !partners.Contains(id)) row.Problem("partner_id", $"No partner '{id}' in partners.csv.");
        return id;
    }

    static int? Whole(CsvRow row, string column)
    {
        if (row.Text(column, 9) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        row.Problem(column, $"'{text}' is not a whole number of 0 or more.");
        return null;
    }

    static bool? Flag(CsvRow row, string column)
    {
        switch (row.Text(column, 5)?.ToLowerInvariant())
        {
            case null: return null;
            case "true": return true;
            case "false": return false;
            case var text:
                row.Problem(column, $"'{text}' is not true or false.");
                return null;
        }
    }

    /// <summary>A choice spelt as the docs spell it: "won", "pre_sales", "certification_earned".</summary>
    static T? Word<T>(CsvRow row, string column, bool required) where T : struct, Enum
    {
        if (row.Text(column, 50, required) is not { } text) return null;
        if (FileWords.TryParse<T>(text, out var value)) return value;
        var words = FileWords.All<T>();
        row.Problem(column, FileWords.Nearest(text, words) is { } near
            ? $"'{text}' is not one of {string.Join(", ", words)} — did you mean '{near}'?"
            : $"'{text}' is not one of {string.Join(", ", words)}.");
        return null;
    }

    /// <summary>Reads one file with <see cref="CsvFiles.Read"/>, naming the file in each of its problems.</summary>
    internal static void Read(string file, string[] columns, string[] required, List<string> problems, bool needsRows, Action<CsvRow> read)
    {
        if (!File.Exists(file))
        {
            problems.Add($"{file}: no such file.");
            return;
        }
        var found = new ImportProblems();
        using (var input = File.OpenRead(file)) CsvFiles.Read(input, columns, required, MaxRows, found, read);
        // A period may well have no certifications, activities or rates: only partners and deals need rows.
        if (!needsRows) found.ByPlace.Remove("file");
        Add(problems, file, found);
    }

    static void Add(List<string> problems, string file, ImportProblems found)
    {
        foreach (var (where, messages) in found.ByPlace.OrderBy(p => ImportProblems.LineOf(p.Key)))
            foreach (var message in messages)
                problems.Add($"{Path.GetFileName(file)}, {where}: {message}");
    }

    /// <summary>The next state of every partner, in the format of the input, so that the next period's run reads it.</summary>
    public static async Task WritePartnersAsync(string path, IReadOnlyList<PartnerStateRow> partners, IReadOnlyList<TierDecision> decisions)
    {
        await using var output = File.Create(path);
        await CsvFiles.WriteAsync(output, PartnerColumns, partners.Zip(decisions, (p, d) => new[]
        {
            p.Id, p.Name, Day(p.JoinedOn), d.NextState.TierId, d.NextState.GraceCount.ToString(CultureInfo.InvariantCulture), Day(d.NextState.LockedUntil),
        }), CancellationToken.None);
    }

    /// <summary>One row per partner: the decision, why, what the next tier still needs, and every criterion judged.</summary>
    public static async Task WriteDecisionsAsync(string path, ProgramDefinition program, IReadOnlyList<PartnerStateRow> partners, IReadOnlyList<TierDecision> decisions)
    {
        await using var output = File.Create(path);
        await CsvFiles.WriteAsync(output, DecisionColumns, partners.Zip(decisions, (p, d) => new[]
        {
            p.Id, p.Name, d.CurrentTierId, d.QualifyingTierId, d.NewTierId, FileWords.Of(d.Kind), Approval(program.Evaluation, d),
            $"{d.NextState.GraceCount} of {d.GraceAllowed}", d.Explanation, d.Next?.TierId,
            d.Next is { } next ? string.Join("; ", next.Criteria.Where(c => !c.Passed).Select(c => c.Missing ?? c.Explanation)) : null,
            Criteria(d),
        }), CancellationToken.None);
    }

    /// <summary>A change is a proposal until approved, unless the policy approves it by itself.</summary>
    static string Approval(EvaluationPolicy policy, TierDecision decision) => decision.Kind switch
    {
        TierDecisionKind.Promote => policy.PromotionsNeedApproval ? "needed" : "automatic",
        TierDecisionKind.Demote => policy.DemotionsNeedApproval ? "needed" : "automatic",
        _ => "",
    };

    /// <summary>Each criterion of the current, next and qualifying tiers once, a sentence each: "Gold: … — met. … | Platinum: …".</summary>
    static string Criteria(TierDecision decision) =>
        string.Join(" | ", new[] { decision.Current, decision.Next, decision.Qualifying }.OfType<TierCheck>()
            .Where(c => c.Criteria.Count > 0).DistinctBy(c => c.TierId)
            .Select(check => $"{check.TierName}: {string.Join(" ", check.Criteria.Select(c => c.Explanation))}"));

    static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
