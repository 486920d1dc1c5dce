using Accrue.Engine.Ledger;

namespace Accrue.Engine.Tests.Ledger;

/// <summary>Transactions balance in each currency or cannot be built; corrections only by reversal; postings say what changed.</summary>
public class LedgerTests
{
    static readonly Guid Acme = new("00000000-0000-0000-0000-0000000000a1");
    static readonly Guid Birch = new("00000000-0000-0000-0000-0000000000b1");
    static readonly Guid DealOne = new("11111111-0000-0000-0000-000000000001");
    static readonly Guid DealTwo = new("22222222-0000-0000-0000-000000000002");
    static readonly TransactionSubject Subject = new("2026-Q3", Acme, "q-rebate");
    static int next;
    static Guid NewId() => new(Interlocked.Increment(ref next), 0, 0, new byte[8]);

    static LedgerTransaction Accrual(long amount, string currency = "EUR") => new(NewId(), $"k{amount}{currency}", TransactionKind.Accrual, Subject, "test",
        [new LedgerEntry(Account.IncentiveExpense, null, currency, amount), new LedgerEntry(Account.AccruedIncentives, Acme, currency, -amount)]);

    public static TheoryData<string, LedgerEntry[], string> Unbalanced => new()
    {
        { "one side only", [new LedgerEntry(Account.IncentiveExpense, null, "EUR", 100)], "sum to 100" },
        { "sides differ", [new LedgerEntry(Account.IncentiveExpense, null, "EUR", 100), new LedgerEntry(Account.AccruedIncentives, Acme, "EUR", -99)], "sum to 1" },
        { "balanced across currencies only", [new LedgerEntry(Account.IncentiveExpense, null, "EUR", 100), new LedgerEntry(Account.AccruedIncentives, Acme, "JPY", -100)], "EUR entries sum to 100" },
        { "a zero entry", [new LedgerEntry(Account.IncentiveExpense, null, "EUR", 0), new LedgerEntry(Account.AccruedIncentives, Acme, "EUR", 0)], "entry of 0" },
        { "a partner account without its partner", [new LedgerEntry(Account.IncentiveExpense, null, "EUR", 5), new LedgerEntry(Account.AccruedIncentives, null, "EUR", -5)], "a partner's account" },
        { "no entries", [], "has none" },
    };

    [Theory, MemberData(nameof(Unbalanced))]
    public void A_transaction_that_does_not_balance_in_each_currency_cannot_be_built(string _, LedgerEntry[] entries, string reason)
    {
        var refused = Assert.Throws<UnbalancedTransactionException>(() =>
            new LedgerTransaction(NewId(), "key", TransactionKind.Accrual, Subject, "test", entries));
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void A_reversal_negates_every_entry_points_back_and_restores_the_balances()
    {
        var first = Accrual(1_234);
        var second = Accrual(500, "BHD");
        var reversal = first.Reversal(NewId(), "posted to the wrong partner");

        Assert.Equal((TransactionKind.Reversal, first.Id, $"reversal|{first.Id}"), (reversal.Kind, reversal.Reverses, reversal.IdempotencyKey));
        Assert.Equal(first.Entries.Select(e => -e.AmountMinor), reversal.Entries.Select(e => e.AmountMinor));
        Assert.Equal(LedgerBalances.Of([second]).Where(b => b.Value != 0), LedgerBalances.Of([first, second, reversal]).Where(b => b.Value != 0));
        Assert.Throws<InvalidOperationException>(() => reversal.Reversal(NewId(), "again"));
    }

    static RunLine Line(Guid partner, long amount, params Guid[] deals) => new(partner, "q-rebate", "Quarterly rebate", false, "EUR", amount, deals);

    static PostingRun Run(int version, params RunLine[] lines) => new(Guid.NewGuid(), "2026-Q3", version, lines, new HashSet<Guid>());

    [Fact]
    public void The_first_posting_accrues_each_line_a_repeat_posts_nothing_and_a_recalculation_posts_the_difference_with_its_reason()
    {
        var first = Posting.Of(Run(1, Line(Acme, 400_000, DealOne), Line(Birch, 30_000)), new Dictionary<(Guid, string, string), PostedLine>(), NewId);
        Assert.Equal([(TransactionKind.Accrual, Acme, 400_000L), (TransactionKind.Accrual, Birch, 30_000L)],
                     first.Select(t => (t.Kind, t.Subject.PartnerId, t.PartnerAmountMinor(Account.AccruedIncentives))));
        Assert.Equal("Quarterly rebate, 2026-Q3: €4,000 accrued by the calculation of version 1.", first[0].Reason);

        var posted = new Dictionary<(Guid, string, string), PostedLine>
        {
            [(Acme, "q-rebate", "EUR")] = new(400_000, 1, [DealOne], 1, false),
            [(Birch, "q-rebate", "EUR")] = new(30_000, 1, [], 1, false),
        };
        Assert.Empty(Posting.Of(Run(1, Line(Acme, 400_000, DealOne), Line(Birch, 30_000)), posted, NewId));

        var again = Posting.Of(Run(2, Line(Acme, 450_000, DealOne, DealTwo)), posted, NewId);
        Assert.Equal([(Acme, 50_000L, TransactionKind.Adjustment), (Birch, -30_000L, TransactionKind.Adjustment)],
                     again.Select(t => (t.Subject.PartnerId, t.PartnerAmountMinor(Account.AccruedIncentives), t.Kind)));
        Assert.Equal($"post|2026-Q3|{Acme:N}|q-rebate|EUR|1", again[0].IdempotencyKey);
        Assert.Equal("Quarterly rebate, 2026-Q3: €4,000 → €4,500 (+€500): deal 22222222 entered the basis; the program changed from version 1 to 2.", again[0].Reason);
    }

    [Fact]
    public void A_difference_from_a_deal_cancelled_within_the_window_is_a_clawback_and_fund_lines_post_to_the_fund()
    {
        var posted = new Dictionary<(Guid, string, string), PostedLine>
        {
            [(Acme, "q-rebate", "EUR")] = new(400_000, 1, [DealOne, DealTwo], 1, false),
            [(Acme, "mdf", "EUR")] = new(8_000, 1, [DealOne, DealTwo], 1, true),
        };
        var run = new PostingRun(Guid.NewGuid(), "2026-Q3", 1, [Line(Acme, 300_000, DealOne)], new HashSet<Guid> { DealTwo });

        var transactions = Posting.Of(run, posted, NewId);

        var fund = transactions.Single(t => t.Subject.RuleId == "mdf");
        Assert.Equal((TransactionKind.Clawback, -8_000L, 0L), (fund.Kind, fund.PartnerAmountMinor(Account.FundBalance), fund.PartnerAmountMinor(Account.AccruedIncentives)));
        var rebate = transactions.Single(t => t.Subject.RuleId == "q-rebate");
        Assert.Equal((TransactionKind.Clawback, -100_000L), (rebate.Kind, rebate.PartnerAmountMinor(Account.AccruedIncentives)));
        Assert.Contains("deal 22222222 cancelled or refunded within the clawback window", rebate.Reason);
    }

    static StatementState Draft(long total = 10_000) => new(StatementStatus.Draft, total, new HashSet<string> { "riley@vendor.example" });

    public static TheoryData<string, Func<StatementStep>, string> Refusals => new()
    {
        { "the preparer approves", () => StatementFlow.Approve(Draft(), "Riley@vendor.example"), "four eyes" },
        { "a statement of nothing is approved", () => StatementFlow.Approve(Draft(0), "fin@vendor.example"), "pays nothing" },
        { "a draft is paid", () => StatementFlow.Pay(Draft(), "PAY-1", new DateOnly(2026, 10, 15)), "not approved yet" },
        { "a payment without reference", () => StatementFlow.Pay(Draft() with { Status = StatementStatus.Approved }, " ", new DateOnly(2026, 10, 15)), "reference" },
        { "a paid statement is voided", () => StatementFlow.Void(Draft() with { Status = StatementStatus.Paid }, "oops"), "not voided" },
        { "a voided statement is paid", () => StatementFlow.Pay(Draft() with { Status = StatementStatus.Voided }, "PAY-1", new DateOnly(2026, 10, 15)), "voided" },
        { "a void without a reason", () => StatementFlow.Void(Draft(), ""), "Say why" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void A_transition_that_is_not_allowed_is_refused_with_the_reason(string _, Func<StatementStep> step, string reason) =>
        Assert.Contains(reason, Assert.IsType<StatementStep.Refused>(step()).Reason);

    [Fact]
    public void A_statement_is_approved_by_someone_else_then_paid_once_and_a_repeat_answers_with_the_first_payment()
    {
        var approved = Assert.IsType<StatementStep.Moved>(StatementFlow.Approve(Draft(), "fin@vendor.example")).Now;
        Assert.IsType<StatementStep.Already>(StatementFlow.Approve(approved, "fin@vendor.example"));
        var paid = Assert.IsType<StatementStep.Moved>(StatementFlow.Pay(approved, "PAY-1", new DateOnly(2026, 10, 15))).Now;
        var repeat = Assert.IsType<StatementStep.Already>(StatementFlow.Pay(paid, "PAY-2", new DateOnly(2026, 10, 16)));
        Assert.Equal(("PAY-1", new DateOnly(2026, 10, 15)), (repeat.Now.PaymentReference, repeat.Now.PaidOn));

        var payment = StatementFlow.Payment(NewId(), Guid.Empty, Acme, "2026-Q3", "JPY", 15_000, "PAY-1")!;
        Assert.Equal([(Account.AccruedIncentives, 15_000L), (Account.Cash, -15_000L)], payment.Entries.Select(e => (e.Account, e.AmountMinor)));
        Assert.Null(StatementFlow.Payment(NewId(), Guid.Empty, Acme, "2026-Q3", "JPY", 0, "PAY-1"));
    }
}
