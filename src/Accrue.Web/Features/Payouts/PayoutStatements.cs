using System.Globalization;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Incentives;
using Accrue.Data.Ledger;
using Accrue.Engine.Ledger;
using Accrue.Engine.Money;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Payouts;

/// <summary>Payout statements: gathered from the ledger per partner and period, approved by a second person, paid once.</summary>
/// <remarks>
/// A statement gathers the partner's posted cash transactions of a period that are on no live statement
/// (a later recalculation's difference goes to the next statement). Transitions follow
/// Accrue.Engine.Ledger.StatementFlow and are saved with a compare-and-set on the statement's revision:
/// of identical requests at once, one moves the statement and the others read back the same answer.
/// </remarks>
public sealed class PayoutStatements(AccrueDbFactory dbs, ProgramVersions programs, AuditTrail audit, TimeProvider clock)
{
    const int Attempts = 10;
    static readonly TransactionKind[] CashKinds = [TransactionKind.Accrual, TransactionKind.Adjustment, TransactionKind.Clawback, TransactionKind.Reversal];

    /// <summary>A draft statement for each partner whose unstated cash for the period is above zero (a negative one waits for later accruals).</summary>
    public async Task<StatementsCreated> CreateAsync(CreateStatementsRequest request, CancellationToken ct)
    {
        var period = request.Period?.Trim();
        if (string.IsNullOrEmpty(period)) throw InvalidRequest.For("period", "Name the period to state, such as 2026-Q3.");
        await using var db = dbs.Create();
        var stated = db.StatementItems.Select(i => i.TransactionId);
        var open = await db.LedgerTransactions.AsNoTracking()
            .Where(t => t.Period == period && !t.IsFund && t.RuleId != null && CashKinds.Contains(t.Kind) && !stated.Contains(t.Id))
            .Select(t => new { t.Id, t.PartnerId, t.Currency, t.PartnerAmountMinor, t.PostedBy, t.RunId }).ToListAsync(ct);
        if (open.Count == 0 && !await db.LedgerTransactions.AnyAsync(t => t.Period == period, ct))
            throw InvalidRequest.For("period", $"Nothing of {period} is posted to the ledger yet: post a calculation run of it first.");
        var runIds = open.Where(t => t.RunId != null).Select(t => t.RunId!.Value).Distinct().ToList();
        var starters = await db.CalculationRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.StartedBy, ct);

        var now = clock.GetUtcNow();
        var created = new List<PayoutStatement>();
        foreach (var group in open.GroupBy(t => (t.PartnerId, t.Currency)).OrderBy(g => g.Key.PartnerId))
        {
            var total = group.Sum(t => t.PartnerAmountMinor);
            if (total <= 0) continue;
            var preparedBy = group.Select(t => t.PostedBy).Concat(group.Where(t => t.RunId is not null).Select(t => starters.GetValueOrDefault(t.RunId!.Value)))
                .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order();
            var statement = new PayoutStatement
            {
                PartnerId = group.Key.PartnerId, Period = period, Currency = group.Key.Currency, TotalMinor = total, LineCount = group.Count(),
                PreparedBy = string.Join('\n', preparedBy), CreatedAt = now, CreatedBy = db.Actor.Name,
            };
            db.PayoutStatements.Add(statement);
            db.StatementItems.AddRange(group.Select(t => new StatementItem { StatementId = statement.Id, TransactionId = t.Id }));
            created.Add(statement);
        }
        audit.Record(db, "StatementsCreated", nameof(PayoutStatement), period, after: new { period, Statements = created.Count, Total = created.Sum(s => s.TotalMinor) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new StateConflict($"Statements of {period} were being created at the same time; look at the list and create again if lines are still unstated.");
        }
        return new StatementsCreated(period, created.Count, created.Sum(s => s.TotalMinor));
    }

    public async Task<Paged<StatementView>> ListAsync(StatementQuery query, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var statements = db.PayoutStatements.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Period)) statements = statements.Where(s => s.Period == query.Period.Trim());
        if (query.Status is { } status) statements = statements.Where(s => s.Status == status);
        if (query.PartnerId is { } partner) statements = statements.Where(s => s.PartnerId == partner);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            statements = statements.Where(s => s.Partner!.Name.ToLower().Contains(term));
        }
        var total = await statements.CountAsync(ct);
        var rows = await statements.OrderByDescending(s => s.Period).ThenBy(s => s.Partner!.Name).ThenBy(s => s.CreatedAt)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(s => new { Statement = s, PartnerName = s.Partner!.Name }).ToListAsync(ct);
        return new Paged<StatementView>(rows.Select(r => View(r.Statement, r.PartnerName)).ToList(), total);
    }

    /// <summary>A statement with every line explained, the deals that earned it, and totals by rule; null when it is not the caller's to see.</summary>
    public async Task<StatementDetail?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var row = await db.PayoutStatements.AsNoTracking().Where(s => s.Id == id).Select(s => new { Statement = s, PartnerName = s.Partner!.Name }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var items = db.StatementItems.Where(i => i.StatementId == id).Select(i => i.TransactionId);
        var transactions = await db.LedgerTransactions.AsNoTracking().Where(t => items.Contains(t.Id) || t.Id == row.Statement.PaymentTransactionId)
            .OrderBy(t => t.RuleId).ThenBy(t => t.PostedAt).ToListAsync(ct);
        var runIds = transactions.Where(t => t.RunId != null).Select(t => t.RunId!.Value).Distinct().ToList();
        var partnerId = row.Statement.PartnerId;
        var lines = await db.IncentiveLines.AsNoTracking().Where(l => runIds.Contains(l.RunId) && l.PartnerId == partnerId)
            .Select(l => new { l.RunId, l.RuleId, l.Kind, l.Explanation, l.Basis }).ToListAsync(ct);
        var dealIds = lines.SelectMany(l => LineBasis.Read(l.Basis).Deals).Distinct().ToList();
        var deals = await db.Deals.AsNoTracking().Where(d => dealIds.Contains(d.Id))
            .Select(d => new StatementDeal(d.Id, d.CustomerName, d.ActualAmountMinor ?? d.EstimatedAmountMinor, d.Currency, d.ClosedOn)).ToDictionaryAsync(d => d.DealId, ct);
        var names = await RuleNamesAsync(transactions.Select(t => t.ProgramVersion).OfType<int>().Distinct(), ct);

        var statementLines = transactions.Where(t => t.Kind != TransactionKind.Payment).Select(t =>
        {
            var line = lines.FirstOrDefault(l => l.RunId == t.RunId && l.RuleId == t.RuleId);
            var basis = line is null ? [] : LineBasis.Read(line.Basis).Deals.Where(deals.ContainsKey).Select(d => deals[d]).ToList();
            return new StatementLine(t.Id, t.Kind, t.RuleId ?? "", names.GetValueOrDefault(t.RuleId ?? "", t.RuleId ?? ""), line?.Kind, t.PartnerAmountMinor, t.Reason,
                                     line?.Explanation, basis, t.PostedAt);
        }).ToList();
        var byRule = statementLines.GroupBy(l => (l.RuleId, l.RuleName)).Select(g => new RuleSubtotal(g.Key.RuleId, g.Key.RuleName, g.Sum(l => l.AmountMinor))).ToList();
        return new StatementDetail(View(row.Statement, row.PartnerName), statementLines, byRule);
    }

    public Task<StatementView> ApproveAsync(Guid id, CancellationToken ct) =>
        ApplyAsync(id, (state, actor) => StatementFlow.Approve(state, actor), (statement, now, actor, _) =>
        {
            (statement.ApprovedBy, statement.ApprovedAt) = (actor, now);
            return "StatementApproved";
        }, ct);

    /// <summary>Approves each statement; each answers for itself (a statement this user prepared is refused, four eyes).</summary>
    public async Task<IReadOnlyList<BulkResult>> ApproveManyAsync(BulkApproval request, CancellationToken ct)
    {
        if (request.StatementIds is not { Count: > 0 }) throw InvalidRequest.For("statementIds", "Select at least one statement.");
        var results = new List<BulkResult>();
        foreach (var id in request.StatementIds.Distinct())
        {
            try
            {
                var view = await ApproveAsync(id, ct);
                results.Add(new BulkResult(id, true, $"Approved by {view.ApprovedBy}."));
            }
            catch (Exception refused) when (refused is StateConflict or ActionForbidden or RecordNotFound)
            {
                results.Add(new BulkResult(id, false, refused.Message));
            }
        }
        return results;
    }

    public Task<StatementView> PayAsync(Guid id, PaymentRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reference)) throw InvalidRequest.For("reference", "Give the payment's reference (the bank or accounts-payable reference).");
        if (request.Reference.Trim().Length > 100) throw InvalidRequest.For("reference", "A reference has at most 100 characters.");
        if (request.PaidOn is not { } paidOn) throw InvalidRequest.For("paidOn", "Give the day the payment was made.");
        return ApplyAsync(id, (state, _) => StatementFlow.Pay(state, request.Reference, paidOn), (statement, now, actor, db) =>
        {
            (statement.PaymentReference, statement.PaidOn, statement.PaidAt, statement.PaidBy) = (request.Reference.Trim(), paidOn, now, actor);
            if (StatementFlow.Payment(Guid.CreateVersion7(), statement.Id, statement.PartnerId, statement.Period, statement.Currency, statement.TotalMinor,
                                      request.Reference.Trim()) is { } payment)
            {
                db.LedgerTransactions.Add(LedgerPostings.Record(payment, now, actor, []));
                statement.PaymentTransactionId = payment.Id;
            }
            return "StatementPaid";
        }, ct);
    }

    public Task<StatementView> VoidAsync(Guid id, VoidRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) throw InvalidRequest.For("reason", "Say why the statement is voided.");
        return ApplyAsync(id, (state, _) => StatementFlow.Void(state, request.Reason), (statement, now, actor, db) =>
        {
            (statement.VoidedAt, statement.VoidedBy, statement.VoidReason) = (now, actor, request.Reason.Trim());
            // Its lines go back to be stated again.
            db.StatementItems.RemoveRange(db.StatementItems.Where(i => i.StatementId == statement.Id));
            return "StatementVoided";
        }, ct);
    }

    /// <summary>Reads the statement, applies the pure transition, saves with its revision as the compare-and-set; on a lost race, reads again.</summary>
    async Task<StatementView> ApplyAsync(Guid id, Func<StatementState, string, StatementStep> step,
                                         Func<PayoutStatement, DateTimeOffset, string, AccrueDb, string> apply, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = dbs.Create();
            var statement = await db.PayoutStatements.Include(s => s.Partner).SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new RecordNotFound("The statement");
            var actor = db.Actor.Name;
            switch (step(State(statement), actor))
            {
                case StatementStep.Refused { FourEyes: true } refused:
                    throw new ActionForbidden(refused.Reason);
                case StatementStep.Refused refused:
                    throw new StateConflict(refused.Reason);
                case StatementStep.Already:
                    return View(statement, statement.Partner!.Name);
                case StatementStep.Moved moved:
                    var before = new { statement.Status };
                    statement.Status = moved.Now.Status;
                    var action = apply(statement, clock.GetUtcNow(), actor, db);
                    statement.Revision = Guid.NewGuid();
                    audit.Record(db, action, nameof(PayoutStatement), statement.Id, statement.PartnerId, before,
                                 new { statement.Status, statement.TotalMinor, statement.Currency, statement.PaymentReference, statement.PaidOn }, statement.VoidReason);
                    try
                    {
                        // Then read it back like everyone else, so that the winner's answer is the stored one too.
                        await db.SaveChangesAsync(ct);
                        continue;
                    }
                    catch (DbUpdateException) when (attempt < Attempts)
                    {
                        // Someone else moved it first (the revision changed, or the payment's key exists): read it again.
                        continue;
                    }
            }
        }
    }

    /// <summary>The payment file for accounts payable: approved statements of a period (or all), one row each.</summary>
    public async Task<ExportTable> PaymentFileAsync(string? period, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var rows = await db.PayoutStatements.AsNoTracking().Where(s => s.Status == StatementStatus.Approved && (period == null || s.Period == period))
            .OrderBy(s => s.Partner!.Name)
            .Select(s => new { s.Id, s.Period, s.Partner!.Name, s.Partner.ExternalId, s.TotalMinor, s.Currency, s.ApprovedBy, s.ApprovedAt }).ToListAsync(ct);
        return new ExportTable(period is null ? "payments" : $"payments-{period}", "Payments",
            ["statement_id", "period", "partner", "partner_external_id", "amount", "currency", "approved_by", "approved_on"],
            rows.Select(r => new[]
            {
                r.Id.ToString(), r.Period, r.Name, r.ExternalId, Major(r.TotalMinor, r.Currency), r.Currency, r.ApprovedBy,
                r.ApprovedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).ToList(), ["amount"]);
    }

    /// <summary>One statement's lines, for the partner to download; null when the caller may not see it.</summary>
    public async Task<ExportTable?> StatementFileAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } detail) return null;
        var currency = detail.Statement.Currency;
        return new ExportTable($"statement-{detail.Statement.Period}-{id:N}", $"Statement {detail.Statement.Period}",
            ["period", "rule", "kind", "amount", "currency", "why", "explanation", "deals"],
            detail.Lines.Select(l => new[]
            {
                detail.Statement.Period, l.RuleName, l.Kind.ToString(), Major(l.AmountMinor, currency), currency, l.Reason, l.Explanation,
                string.Join("; ", l.Deals.Select(d => d.CustomerName)),
            }).ToList(), ["amount"]);
    }

    static string Major(long minor, string currency) =>
        Currency.TryOf(currency, out var c) ? (minor / (decimal)c.MinorPerMajor).ToString("F" + c.MinorDigits, CultureInfo.InvariantCulture) : minor.ToString(CultureInfo.InvariantCulture);

    async Task<Dictionary<string, string>> RuleNamesAsync(IEnumerable<int> versions, CancellationToken ct)
    {
        var names = new Dictionary<string, string> { [IncentiveLine.CashBudgetRuleId] = "Program cash budget" };
        foreach (var version in versions.OrderDescending())
            if ((await programs.FindAsync(version, ct))?.Definition is { } program)
                foreach (var rule in program.Incentives) names.TryAdd(rule.Id, rule.Name);
        return names;
    }

    static StatementState State(PayoutStatement s) => new(
        s.Status, s.TotalMinor, s.PreparedBy.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
        s.ApprovedBy, s.PaymentReference, s.PaidOn, s.VoidReason);

    internal static StatementView View(PayoutStatement s, string partnerName) =>
        new(s.Id, s.PartnerId, partnerName, s.Period, s.Currency, s.TotalMinor, s.LineCount, s.Status, s.CreatedAt, s.ApprovedBy, s.ApprovedAt,
            s.PaymentReference, s.PaidOn, s.VoidReason);
}
