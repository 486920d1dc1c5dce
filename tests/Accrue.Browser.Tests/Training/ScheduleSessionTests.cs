using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Accrue.Browser.Tests.Training;

[Collection(SiteCollection.Name)]
public sealed class ScheduleSessionTests(AccrueSite site)
{
    [BrowserFact]
    public async Task A_program_admin_schedules_a_live_session_in_its_time_zone_and_sees_it_listed()
    {
        var where = $"Room {Guid.NewGuid().ToString("N")[..6]}";
        var local = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(30).AddHours(10), DateTimeKind.Unspecified);   // 10:00 in Berlin, a month from now

        var admin = await TrainingPages.AdminOnTabAsync(site, "Live sessions");

        // Nothing chosen: the form says what is missing, field by field, and schedules nothing.
        await admin.GetByTestId("session-schedule").ClickAsync();
        await Expect(admin.GetByText("Choose the module the session teaches.")).ToBeVisibleAsync();
        await Expect(admin.GetByText("Give the day and time the session starts.")).ToBeVisibleAsync();

        await admin.GetByTestId("session-module").ClickAsync();
        await admin.GetByRole(AriaRole.Option).Filter(new() { HasTextString = "ANA-101" }).ClickAsync();
        await admin.Locator("input[type=datetime-local]").FillAsync(local.ToString("yyyy-MM-ddTHH:mm"));
        await admin.GetByLabel("Seats").FillAsync("12");
        await admin.GetByLabel("Where").FillAsync(where);
        await admin.GetByTestId("session-schedule").ClickAsync();

        var row = admin.GetByTestId("session-row").Filter(new() { HasTextString = where });
        await Expect(row).ToContainTextAsync("0 of 12");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(site.ScreenshotFolder, "training-live-sessions.png"), FullPage = true });
        await using var db = site.Data();
        var stored = await db.LiveSessions.SingleAsync(s => s.Location == where);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(local, berlin), stored.StartsAt.UtcDateTime);
        Assert.Equal(("Europe/Berlin", 12), (stored.TimeZone, stored.Capacity));
    }
}
