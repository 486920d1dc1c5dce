using System.Globalization;
using Accrue.Engine.Deals;

namespace Accrue.Engine.Tests.Deals;

/// <summary>Registrations with readable defaults; a test changes only what it is about, with `with`.</summary>
static class A
{
    public static readonly Guid Contoso = Guid.Parse("00000000-0000-0000-0000-00000000c0c0");
    public static readonly Guid Northwind = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    public static DealCandidate Candidate(string customer = "Acme", string? domain = "acme.com", string on = "2026-04-01", params string[] products) =>
        new(Guid.Parse("00000000-0000-0000-0000-000000000b00"), Contoso, customer, domain, products, At(on));

    public static RivalRegistration Rival(string customer = "Acme", string? domain = "acme.com", string on = "2026-03-02",
                                          DealStatus status = DealStatus.Approved, string? protectedUntil = "2026-05-31", params string[] products) =>
        new(Guid.Parse("00000000-0000-0000-0000-000000000a00"), Northwind, "Northwind", customer, domain, products,
            At(on), status, protectedUntil is null ? null : Day(protectedUntil));

    /// <summary>"2026-04-01" is midday UTC that day; "2026-04-01T09:30" is that time, UTC.</summary>
    public static DateTimeOffset At(string when) =>
        DateTimeOffset.Parse(when.Contains('T') ? when : when + "T12:00", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
