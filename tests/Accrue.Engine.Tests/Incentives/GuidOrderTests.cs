using Accrue.Engine.Incentives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Incentives;

public sealed class GuidOrderTests
{
    // Random bytes, and Guids that differ only late, or only in the sign bit of a field, where a signed comparison would go wrong.
    static readonly Gen<Guid> Guids = Gen.OneOf(
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16).Select(bytes => new Guid(bytes)),
        Gen.Elements(0x00, 0x7f, 0x80, 0xff).Two().Select(t => new Guid(t.Item1 << 24, (short)(t.Item2 << 8), 0, 0, 0, 0, 0, 0, 0, 0, (byte)t.Item1)));

    [Property(MaxTest = 2000)]
    public Property Guids_are_ordered_as_their_text_is() =>
        Prop.ForAll(Guids.ToArbitrary(), Guids.ToArbitrary(), (x, y) =>
            Math.Sign(GuidOrder.Instance.Compare(x, y)) == Math.Sign(string.CompareOrdinal(x.ToString("D"), y.ToString("D"))));
}
