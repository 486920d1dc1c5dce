namespace Accrue.Web.Features.Roadmap;

/// <summary>The capabilities of the mission that are not built yet, and what each will do: said plainly in the UI.</summary>
public static class Roadmap
{
    public sealed record Capability(string Name, int Issue, string WhatItWillDo);

    public static readonly Dictionary<string, Capability> BySegment = new()
    {
        ["funds"] = new("Funds", 0, "Co-marketing funds (MDF): budgets, requests, approvals, milestone disbursements, claims with proof of performance, and ROI."),
        ["calendar"] = new("Calendar", 0, "Promotions, trainings and rewards timed together, with guardrails against overlap and fatigue, published as a schedule and iCalendar feeds."),
        ["experiments"] = new("Experiments", 0, "Randomized tests of rewards, thresholds and messages, with sound statistics."),
        ["analytics"] = new("Analytics", 0, "Pipeline, win rate, deal velocity, cohorts, ROI per incentive and partner scorecards."),
    };
}
