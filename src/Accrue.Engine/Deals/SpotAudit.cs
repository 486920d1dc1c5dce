using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Accrue.Engine.Deals;

/// <summary>Which registrations a person checks at random, drawn so that the draw can be repeated.</summary>
/// <remarks>
/// A deal is drawn when a number in [0, 1) taken from SHA-256 of its id and the seed falls below
/// the share. The same deal, share and seed always give the same answer, so an auditor can show
/// why a deal was (or was not) picked; a new seed draws a new, independent sample. For one seed a
/// deal drawn at some share is drawn at every larger share, so raising the share only adds deals.
/// </remarks>
public static class SpotAudit
{
    public static bool Draws(Guid dealId, decimal share, int seed)
    {
        if (share is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(share), share, "A share of deals to audit is between 0 and 1.");

        Span<byte> input = stackalloc byte[20];
        dealId.TryWriteBytes(input);                                 // the same byte order on every platform
        BinaryPrimitives.WriteInt32LittleEndian(input[16..], seed);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);

        // The top 53 bits, as a fraction of 2^53: exact in decimal, uniform in [0, 1).
        var bits = BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11;
        return (decimal)bits / (1UL << 53) < share;
    }
}
