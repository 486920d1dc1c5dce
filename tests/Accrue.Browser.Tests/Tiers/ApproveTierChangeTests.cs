using Accrue.Browser.Tests.Accounts;
using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Tiers;
using Accrue.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Tiers;

[Collection(SiteCollection.Name)]
public sealed class ApproveTierChangeTests(AccrueSite site)
{
    [BrowserFact]
    public async Task An_admin_approves_a_proposed_tier_change_and_the_partner_sees_its_new_tier_and_staff_the_audit_entry()
    {
        // The demo's last quarter waits for review: pick one of its proposed tier changes and give that partner a user.
        Guid partnerId;
        string partnerName, newTier, runId, email = $"scorecard.{Guid.NewGuid():N}@test.example";
        await using (var db = site.Data())
        {
            var run = await db.TierEvaluationRuns.OrderByDescending(r => r.EvaluatedOn).FirstAsync();
            var proposal = await db.TierProposals.Where(p => p.RunId == run.Id && p.Status == ProposalStatus.Pending)
                .OrderBy(p => p.Partner!.Name).Select(p => new { p.PartnerId, p.Partner!.Name, p.ProposedTierId }).FirstAsync();
            (partnerId, partnerName, runId) = (proposal.PartnerId, proposal.Name, run.Id.ToString());
            newTier = DemoTiers.Program.Tiers.Single(t => t.Id == proposal.ProposedTierId).Name;
        }
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AccrueUser>>();
            var user = new AccrueUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Sam Scorecard", PartnerId = partnerId,
                CreatedAt = DateTimeOffset.UtcNow, AcceptedAt = DateTimeOffset.UtcNow,
            };
            Assert.True((await users.CreateAsync(user, SignIn.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, AccrueRoles.PartnerAdmin)).Succeeded);
        }

        var admin = await site.NewPageAsync();
        await SignIn.AsAsync(admin, "admin@accrue.demo");
        await admin.GotoAsync($"/tiers/runs/{runId}");
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {partnerName}" }).CheckAsync();
        await admin.GetByTestId("approve-selected").ClickAsync();
        await Expect(admin.GetByTestId("decision-results")).ToContainTextAsync("Approved");

        var partner = await site.NewPageAsync();
        await SignIn.AsAsync(partner, email);
        await partner.GotoAsync("/portal/scorecard");
        await Expect(partner.GetByTestId("scorecard-tier")).ToContainTextAsync(newTier);
        await partner.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "portal-scorecard-after-approval.png"), FullPage = true });

        await admin.GotoAsync($"/partners/{partnerId}");
        await Expect(admin.GetByText(new System.Text.RegularExpressions.Regex("Tier (promoted|demoted)")).First).ToBeVisibleAsync();
    }
}
