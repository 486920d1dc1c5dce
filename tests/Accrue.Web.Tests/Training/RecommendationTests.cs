using System.Net;
using Accrue.Data.Training;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using Accrue.Web.Features.Training;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Training;

/// <summary>What a person should take next puts first the certifications that count toward the partner's next tier.</summary>
public sealed class RecommendationTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task The_modules_of_a_certification_the_next_tier_counts_come_first_and_say_so(Database database)
    {
        var app = await apps.On(database);
        var year = new TrailingWindow(4, PeriodUnit.Quarter);
        // Silver needs one technically certified person; the entry tier is where the partner stands.
        await app.Seed.PublishedProgram(Seed.ThreeTiers() with
        {
            Tiers =
            [
                new TierDefinition { Id = "registered", Name = "Registered" },
                new TierDefinition { Id = "silver", Name = "Silver", Criteria = [new TierCriterion(Metric.CertifiedPeople, 1, year, CertificationTrack.Technical)] },
            ],
        }, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1));
        await using (var db = app.Db())
        {
            // By name alone, the sales certification would come first.
            foreach (var (code, name, track) in new[] { ("ALPHA", "Alpha Sales Professional", CertificationTrack.Sales), ("BETA", "Beta Technical Professional", CertificationTrack.Technical) })
            {
                var module = db.TrainingModules.Add(new TrainingModule { Code = $"{code}-101", Title = $"{code} 101", Product = "Analytics", DurationMinutes = 60 }).Entity;
                var certification = new Certification { Code = code, Name = name, Track = track, ValidMonths = 24 };
                certification.Requirements.Add(new CertificationRequirement { CertificationId = certification.Id, ModuleId = module.Id });
                db.Certifications.Add(certification);
            }
            await db.SaveChangesAsync();
        }
        var partner = await app.Seed.Partner();
        var person = await app.Seed.Contact(partner);
        var partnerAdmin = await app.ClientFor(await app.Seed.PartnerAdminOf(partner));

        var people = await (await partnerAdmin.GetAsync($"/api/v1/training/partners/{partner.Id}/people")).Read<List<PersonTraining>>();

        Assert.Equal(["BETA 101 (for Beta Technical Professional, which counts toward Silver)", "ALPHA 101 (for Alpha Sales Professional)"],
                     Assert.Single(people, p => p.PersonId == person.Id).RecommendedModules);
    }
}
