using Accrue.Engine.Deals;

namespace Accrue.Web.Features.Deals;

/// <summary>"Accrue:Deals": the registration policy until the program definition (issue #5) carries it.</summary>
public sealed class DealOptions
{
    public const string Section = "Accrue:Deals";
    /// <summary>Days of protection an approval grants by default (later: the partner's tier benefit).</summary>
    public int ProtectionDays { get; set; } = 90;
    /// <summary>The share of clean submissions drawn at random for a spot audit.</summary>
    public decimal SpotAuditShare { get; set; } = 0.05m;
    public int SpotAuditSeed { get; set; } = 2026;
    /// <summary>Protection ending within this many days shows as a reminder.</summary>
    public int ReminderDays { get; set; } = 14;
    /// <summary>Promotions whose last days draw suspicious registrations (later: the incentives calendar).</summary>
    public List<PromotionSetting> Promotions { get; set; } = [];

    public IReadOnlyList<PromotionWindow> PromotionWindows => Promotions.Select(p => new PromotionWindow(p.Name, p.EndsOn)).ToList();
}

public sealed class PromotionSetting
{
    public string Name { get; set; } = "";
    public DateOnly EndsOn { get; set; }
}
