namespace Accrue.Bench.Incentives;

/// <summary>
/// The dataset of docs/benchmarks.md as columns: partners, deals over two years (day 0 to 729) and
/// training completions, each row derived from SplitMix64 of its index, so generation is
/// deterministic and parallel. Day 0 is 2025-04-01, so the benchmark's quarter Q = [640, 730) is
/// the fiscal quarter 2027-Q1 and the trailing 12 months [365, 730) its trailing 4 quarters.
/// </summary>
sealed class IncentiveDataset
{
    public static readonly DateOnly DayZero = new(2025, 4, 1);
    /// <summary>The quarter, its trailing year, and the previous quarter as the program's calendar has it (2026-Q4 = days 548–639).</summary>
    public const int QuarterFrom = 640, End = 730, YearFrom = 365, PreviousFrom = 548;
    public const int Won = 5, Lost = 4;
    const ulong DealStream = 21, CompletionStream = 22;

    public int Partners { get; }
    public int[] Partner { get; }
    public byte[] Product { get; }
    public byte[] Stage { get; }
    public short[] CloseDay { get; }
    public long[] AmountCents { get; }
    public bool[] NewLogo { get; }
    public int[] CompletionPartner { get; }
    public byte[] Certification { get; }
    public short[] CompletedDay { get; }

    public int Deals => Partner.Length;

    public IncentiveDataset(int partners, int deals, int completions)
    {
        Partners = partners;
        (Partner, Product, Stage, CloseDay, AmountCents, NewLogo) =
            (new int[deals], new byte[deals], new byte[deals], new short[deals], new long[deals], new bool[deals]);
        Parallel.For(0, deals, i =>
        {
            var rng = Rng.For(DealStream, i);
            var u = rng.Unit();
            Partner[i] = Math.Min(partners - 1, (int)(partners * u * u * u));   // P·u³: a few giants, a long tail
            Product[i] = (byte)rng.Below(20);
            var stage = rng.Unit();
            Stage[i] = (byte)(stage < 0.30 ? Won : stage < 0.55 ? Lost : 1);
            CloseDay[i] = (short)rng.Below(End);
            AmountCents[i] = (long)(50_000 * Math.Pow(400, rng.Unit()));          // log-uniform $500–$200 k
            NewLogo[i] = rng.Chance(0.1);
        });
        (CompletionPartner, Certification, CompletedDay) = (new int[completions], new byte[completions], new short[completions]);
        Parallel.For(0, completions, i =>
        {
            var rng = Rng.For(CompletionStream, i);
            CompletionPartner[i] = rng.Below(partners);
            Certification[i] = (byte)rng.Below(30);
            CompletedDay[i] = (short)rng.Below(End);
        });
    }

    IncentiveDataset(int partners, int[] partner, byte[] product, byte[] stage, short[] closeDay, long[] amountCents, bool[] newLogo,
                     int[] completionPartner, byte[] certification, short[] completedDay) =>
        (Partners, Partner, Product, Stage, CloseDay, AmountCents, NewLogo, CompletionPartner, Certification, CompletedDay) =
        (partners, partner, product, stage, closeDay, amountCents, newLogo, completionPartner, certification, completedDay);

    /// <summary>The first <paramref name="deals"/> deals with every partner and completion: the per-deal RulesEngine peer's share.</summary>
    public IncentiveDataset Head(int deals) => deals >= Deals ? this : new(
        Partners, Partner[..deals], Product[..deals], Stage[..deals], CloseDay[..deals], AmountCents[..deals], NewLogo[..deals],
        CompletionPartner, Certification, CompletedDay);

    /// <summary>Partner ids whose order (Accrue's Guid order: big-endian bytes) is the partner index's order, so every peer breaks ties alike.</summary>
    public static Guid PartnerId(int i) => new(i, 0x1c, 0x1c, 0, 0, 0, 0, 0, 0, 0, 2);

    public static Guid DealId(int i) => new(i, 0xde, 0xa1, 0, 0, 0, 0, 0, 0, 0, 2);

    /// <summary>SPIFF A's deals: products 3 and 7 of at least $10 k (rules have no amount floor, so the facts name this product line).</summary>
    public bool SpiffA(int i) => (Product[i] == 3 || Product[i] == 7) && AmountCents[i] >= 1_000_000;
}
