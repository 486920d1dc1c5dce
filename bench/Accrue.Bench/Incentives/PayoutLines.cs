using System.IO.Hashing;

namespace Accrue.Bench.Incentives;

/// <summary>The payout lines of a result: one per partner and component (rebate, SPIFF, growth bonus) that pays something.</summary>
static class PayoutLines
{
    /// <summary>Count, sum and XxHash64 of the lines sorted by (partner, component): equal digests mean equal lines, in any order.</summary>
    public static string Digest(PartnerResult[] results)
    {
        var hash = new XxHash64();
        Span<byte> row = stackalloc byte[16];
        long count = 0, sum = 0;
        for (var p = 0; p < results.Length; p++)
        {
            var (rebate, spiff, bonus) = (results[p].Rebate, results[p].Spiff, results[p].Bonus);
            foreach (var (component, amount) in new[] { (0, rebate), (1, spiff), (2, bonus) })
            {
                if (amount <= 0) continue;
                BitConverter.TryWriteBytes(row[..4], p);
                BitConverter.TryWriteBytes(row[4..8], component);
                BitConverter.TryWriteBytes(row[8..], amount);
                hash.Append(row);
                (count, sum) = (count + 1, sum + amount);
            }
        }
        return $"{count:N0} lines, {sum / 100m:N2} USD, {hash.GetCurrentHashAsUInt64():x16}";
    }
}
