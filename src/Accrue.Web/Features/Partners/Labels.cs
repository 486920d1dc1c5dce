using Accrue.Engine.Partners;

namespace Accrue.Web.Features.Partners;

/// <summary>How partner types and regions read in the UI.</summary>
public static class Labels
{
    public static string Of(PartnerType type) => type switch
    {
        PartnerType.Msp => "MSP",
        PartnerType.Referral => "Referral partner",
        PartnerType.Technology => "Technology partner",
        _ => type.ToString(),
    };

    public static string Of(Region region) => region switch
    {
        Region.NorthAmerica => "North America",
        Region.LatinAmerica => "Latin America",
        Region.MiddleEastAfrica => "Middle East & Africa",
        Region.AsiaPacific => "Asia Pacific",
        _ => region.ToString(),
    };
}
