using Accrue.Engine.Ledger;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Ledger;

/// <summary>
/// Random sequences of calculations posted (accruals, adjustments, clawbacks), reversals, statement
/// approvals, payments (some repeated) and voids, in three currencies with 0, 2 and 3 decimals: the
/// ledger balances, reversals restore, postings follow the difference law, nothing is paid twice.
/// </summary>
public class LedgerPropertyTests
{
    static readonly Guid[] Partners = [new("00000000-0000-0000-0000-0000000000a1"), new("00000000-0000-0000-0000-0000000000b1")];
    static readonly string[] Currencies = ["JPY", "EUR", "BHD"];
    static readonly (string Id, bool IsFund)[] Rules = [("rebate", false), ("spiff", false), ("mdf", true)];
    const string Preparer = "riley", Approver = "frankie";

    /// <summary>0: post a calculation; 1: post the last one again; 2: reverse a transaction; 3: state, approve, pay (twice) or void.</summary>
    sealed record Step(int Kind, (int Partner, int Rule, int Currency, long Amount)[] Lines, int Pick, int Action);

    static readonly Gen<Step> Steps =
        from kind in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)), (2, Gen.Constant(2)), (3, Gen.Constant(3)))
        from lines in Gen.ListOf(Gen.Zip(Gen.Zip(Gen.Choose(0, 1), Gen.Choose(0, 2)), Gen.Zip(Gen.Choose(0, 2), Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(-40_000, 0)), (6, Gen.Choose(1, 3_000_000))))))
        from pick in Gen.Choose(0, 1_000)
        from action in Gen.Choose(0, 4)
        select new Step(kind, lines.Select(l => (l.Item1.Item1, l.Item1.Item2, l.Item2.Item1, (long)l.Item2.Item2)).DistinctBy(l => (l.Item1, l.Item2, l.Item3)).ToArray(), pick, action);

    sealed class Model
    {
        public readonly List<LedgerTransaction> Ledger = [];
        public readonly Dictionary<(Guid, int), (StatementState State, Guid Id)> Statements = [];
        public PostingRun? Last;
        int next;
        public Guid NewId() => new(++next, 0, 0, new byte[8]);

        public static bool IsPosting(LedgerTransaction t) => t.Kind is TransactionKind.Accrual or TransactionKind.Adjustment or TransactionKind.Clawback;

        /// <summary>What the ledger holds per partner, rule and currency: the posted sum (reversals included) and how many postings.</summary>
        public Dictionary<(Guid PartnerId, string RuleId, string Currency), PostedLine> Posted()
        {
            var byId = Ledger.ToDictionary(t => t.Id);
            var counted = Ledger.Where(t => IsPosting(t) || t.Reverses is { } r && IsPosting(byId[r]))
                .GroupBy(t => (t.Subject.PartnerId, t.Subject.RuleId!, t.Entries[0].Currency));
            return counted.ToDictionary(g => g.Key, g =>
            {
                var fund = g.Any(t => t.Entries.Any(e => e.Account == Account.FundBalance));
                var sum = g.Sum(t => t.PartnerAmountMinor(fund ? Account.FundBalance : Account.AccruedIncentives));
                return new PostedLine(sum, g.Count(IsPosting), [], 1, fund);
            });
        }

        public void Append(IEnumerable<LedgerTransaction> transactions) => Ledger.AddRange(transactions);
    }

    [Property(MaxTest = 300)]
    public Property Every_sequence_keeps_the_ledger_balanced_postings_exact_reversals_restoring_and_payments_single() =>
        Prop.ForAll(Gen.ListOf(Steps).Select(s => s.Take(40).ToArray()).ToArbitrary(), steps =>
        {
            var model = new Model();
            foreach (var step in steps)
            {
                switch (step.Kind)
                {
                    case 0 or 1 when step.Kind == 0 || model.Last is not null:
                        var run = step.Kind == 1 ? model.Last! : new PostingRun(model.NewId(), "2026-Q3", 1,
                            step.Lines.Select(l => new RunLine(Partners[l.Partner], Rules[l.Rule].Id, Rules[l.Rule].Id, Rules[l.Rule].IsFund, Currencies[l.Currency], l.Amount, [])).ToList(),
                            new HashSet<Guid>());
                        model.Append(Posting.Of(run, model.Posted(), model.NewId));
                        // The difference law: whatever was posted before, the ledger now holds exactly this run's lines.
                        var posted = model.Posted();
                        foreach (var (key, line) in posted)
                        {
                            var expected = run.Lines.SingleOrDefault(l => (l.PartnerId, l.RuleId, l.Currency) == key)?.AmountMinor ?? 0;
                            if (line.AmountMinor != expected) throw new Exception($"{key}: posted {line.AmountMinor}, the run says {expected}");
                        }
                        // Posting it again adds nothing.
                        if (Posting.Of(run, posted, model.NewId).Count != 0) throw new Exception("Posting the same calculation twice posted again.");
                        model.Last = run;
                        break;
                    case 2 when model.Ledger.Any(t => t.Kind != TransactionKind.Reversal && t.Kind != TransactionKind.Payment):
                        var reversed = model.Ledger.Where(t => t.Reverses is not null).Select(t => t.Reverses!.Value).ToHashSet();
                        var candidates = model.Ledger.Where(t => t.Kind is not (TransactionKind.Reversal or TransactionKind.Payment) && !reversed.Contains(t.Id)).ToList();
                        if (candidates.Count == 0) break;
                        var target = candidates[step.Pick % candidates.Count];
                        var before = LedgerBalances.Of(model.Ledger.Where(t => t != target));
                        model.Append([target.Reversal(model.NewId(), "correction")]);
                        if (!Same(before, LedgerBalances.Of(model.Ledger))) throw new Exception("A reversal did not restore the balances before its transaction.");
                        break;
                    case 3:
                        Statement(model, step);
                        break;
                }
                Check(model);
            }
            return true;
        });

    /// <summary>A statement for one partner and currency of what is owed; then approve it (by the preparer or another), pay it twice, or void it.</summary>
    static void Statement(Model model, Step step)
    {
        var (partner, currency) = (Partners[step.Pick % 2], step.Pick / 2 % 3);
        var key = (partner, currency);
        if (!model.Statements.TryGetValue(key, out var statement) || statement.State.Status is StatementStatus.Paid or StatementStatus.Voided)
        {
            var owed = LedgerBalances.Owed(model.Ledger, partner, Currencies[currency]);
            if (owed <= 0) return;
            model.Statements[key] = statement = (new StatementState(StatementStatus.Draft, owed, new HashSet<string> { Preparer }), model.NewId());
        }
        var step2 = step.Action switch
        {
            0 => StatementFlow.Approve(statement.State, Preparer),
            1 => StatementFlow.Approve(statement.State, Approver),
            2 or 3 => StatementFlow.Pay(statement.State, $"PAY-{statement.Id:N}", new DateOnly(2026, 10, 15)),
            _ => StatementFlow.Void(statement.State, "recalculated"),
        };
        if (step.Action == 0 && step2 is StatementStep.Moved) throw new Exception("The preparer approved a statement.");
        if (step2 is StatementStep.Moved moved)
        {
            if (moved.Now.Status == StatementStatus.Paid &&
                StatementFlow.Payment(model.NewId(), statement.Id, partner, "2026-Q3", Currencies[currency], moved.Now.TotalMinor, moved.Now.PaymentReference!) is { } payment)
                model.Append([payment]);
            model.Statements[key] = (moved.Now, statement.Id);
        }
        // Paying again answers with the first payment and posts nothing.
        if (step.Action == 3 && model.Statements[key].State.Status == StatementStatus.Paid)
        {
            var again = StatementFlow.Pay(model.Statements[key].State, "PAY-AGAIN", new DateOnly(2026, 11, 1));
            if (again is not StatementStep.Already already || already.Now.PaymentReference == "PAY-AGAIN")
                throw new Exception("A second payment was not answered with the first.");
        }
    }

    static void Check(Model model)
    {
        foreach (var currency in model.Ledger.SelectMany(t => t.Entries).GroupBy(e => e.Currency))
            if (currency.Sum(e => e.AmountMinor) != 0) throw new Exception($"The {currency.Key} entries do not sum to 0.");
        var keys = model.Ledger.Select(t => t.IdempotencyKey).ToList();
        if (keys.Distinct().Count() != keys.Count) throw new Exception("Two transactions share an idempotency key: " + keys.GroupBy(k => k).First(g => g.Count() > 1).Key);
        if (model.Ledger.Where(t => t.Kind == TransactionKind.Payment).GroupBy(t => t.Subject.RunId).Any(g => g.Count() > 1))
            throw new Exception("A statement was paid twice.");
    }

    static bool Same(IReadOnlyDictionary<(Account, Guid?, string), long> a, IReadOnlyDictionary<(Account, Guid?, string), long> b) =>
        a.Where(x => x.Value != 0).OrderBy(x => x.Key.ToString()).SequenceEqual(b.Where(x => x.Value != 0).OrderBy(x => x.Key.ToString()));
}
