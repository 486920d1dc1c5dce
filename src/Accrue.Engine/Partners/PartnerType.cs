namespace Accrue.Engine.Partners;

/// <summary>How a partner takes the vendor's products to market.</summary>
public enum PartnerType { Reseller, Referral, Integrator, Technology, Msp }

/// <summary>Where a partner does business; incentives and reports are cut by it.</summary>
public enum Region { NorthAmerica, LatinAmerica, Europe, MiddleEastAfrica, AsiaPacific }
