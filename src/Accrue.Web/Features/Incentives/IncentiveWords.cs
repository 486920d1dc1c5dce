using Accrue.Data.Incentives;
using Accrue.Engine.Money;

namespace Accrue.Web.Features.Incentives;

/// <summary>How the incentive pages write amounts and kinds.</summary>
public static class IncentiveWords
{
    /// <summary>Minor units in their currency's words: 400000 USD is "$4,000".</summary>
    public static string Money(long minor, string currency) =>
        Currency.TryOf(currency, out var c) ? MoneyText.Format(minor / (decimal)c.MinorPerMajor, currency) : $"{minor} {currency} (minor units)";

    public static string Kind(IncentiveLineKind kind) => kind switch
    {
        IncentiveLineKind.Spiff => "SPIFF",
        IncentiveLineKind.GrowthBonus => "Growth bonus",
        IncentiveLineKind.ReferralFee => "Referral fee",
        IncentiveLineKind.FundAccrual => "Fund accrual",
        IncentiveLineKind.CashBudget => "Cash budget",
        _ => kind.ToString(),
    };
}
