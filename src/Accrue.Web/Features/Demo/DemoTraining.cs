using Accrue.Data;
using Accrue.Data.Training;
using Accrue.Engine.Partners;
using Accrue.Engine.Training;
using Accrue.Web.Features.Training;
using Bogus;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Demo;

/// <summary>A training catalog for three products, live sessions, and three years of completions, certified by the real rules.</summary>
public sealed class DemoTraining(AccrueStorage storage, CertificationRecords certifications, TimeProvider clock)
{
    static readonly string[] Products = ["Analytics", "Security", "Cloud Platform"];

    public async Task SeedAsync(Guid homePartnerId, CancellationToken ct)
    {
        var faker = new Faker("en") { Random = new Randomizer(20261125) };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = storage.Create(Actor.System);
        var byProduct = new Dictionary<string, (TrainingModule Foundations, TrainingModule Selling, TrainingModule DeepDive, TrainingModule SalesExam, TrainingModule TechExam, TrainingModule Refresher)>();
        foreach (var product in Products)
        {
            var code = new string(product.Where(char.IsLetter).ToArray()).ToUpperInvariant()[..3];
            TrainingModule Module(string suffix, string title, ModuleLevel level, BuyerStage stage, ModuleFormat format, int minutes) =>
                db.TrainingModules.Add(new TrainingModule
                {
                    Code = $"{code}-{suffix}", Title = $"{product} {title}", Product = product, Level = level, BuyerStage = stage, Format = format,
                    DurationMinutes = minutes, Link = $"https://learn.accrue.example/{code.ToLowerInvariant()}/{suffix.ToLowerInvariant()}",
                }).Entity;
            var modules = (
                Module("101", "Sales Foundations", ModuleLevel.Fundamentals, BuyerStage.Awareness, ModuleFormat.OnDemand, 45),
                Module("201", "Solution Selling", ModuleLevel.Intermediate, BuyerStage.Consideration, ModuleFormat.OnDemand, 90),
                Module("301", "Technical Deep Dive", ModuleLevel.Advanced, BuyerStage.Decision, ModuleFormat.Live, 240),
                Module("SX", "Sales Exam", ModuleLevel.Intermediate, BuyerStage.Consideration, ModuleFormat.OnDemand, 60),
                Module("TX", "Technical Exam", ModuleLevel.Advanced, BuyerStage.Decision, ModuleFormat.OnDemand, 90),
                Module("RF", "Refresher", ModuleLevel.Intermediate, BuyerStage.Consideration, ModuleFormat.OnDemand, 30));
            byProduct[product] = modules;
            Certify(db, $"{code}-SALES", $"{product} Sales Professional", CertificationTrack.Sales, [modules.Item1, modules.Item2, modules.Item4], modules.Item4, modules.Item6);
            Certify(db, $"{code}-TECH", $"{product} Technical Specialist", CertificationTrack.Technical, [modules.Item1, modules.Item3, modules.Item5], modules.Item5, modules.Item6);
            var path = new LearningPath { Name = $"{product} for sellers", Description = $"From first pitch to the {product} Sales Professional certification." };
            path.Steps.AddRange(new[] { modules.Item1, modules.Item2, modules.Item4 }.Select((m, i) => new LearningPathStep { PathId = path.Id, ModuleId = m.Id, Position = i + 1 }));
            db.LearningPaths.Add(path);
        }
        var cloud = byProduct["Cloud Platform"];
        Certify(db, "CLO-PRESALES", "Cloud Platform Pre-sales Engineer", CertificationTrack.PreSales, [cloud.Item2, cloud.Item3, cloud.Item5], cloud.Item5, cloud.Item6);
        foreach (var (zone, days, hour) in new[] { ("America/New_York", 9, 11), ("Europe/Berlin", 16, 10), ("Asia/Tokyo", 23, 14), ("Europe/London", 37, 15) })
        {
            var local = today.AddDays(days).ToDateTime(new TimeOnly(hour, 0));
            var start = TimeZoneInfo.ConvertTimeToUtc(local, TimeZoneInfo.FindSystemTimeZoneById(zone));
            db.LiveSessions.Add(new LiveSession
            {
                ModuleId = faker.PickRandom(byProduct.Values.ToList()).Item3.Id, StartsAt = new DateTimeOffset(start, TimeSpan.Zero), TimeZone = zone,
                DurationMinutes = 240, Capacity = 30, Location = "Online (link sent on registration)",
            });
        }

        var people = await db.Contacts.Where(c => c.Partner!.Status == PartnerStatus.Active).Select(c => new { c.Id, c.PartnerId }).ToListAsync(ct);
        foreach (var person in people.Where(p => p.PartnerId == homePartnerId || faker.Random.Bool(0.55f)))
        {
            var product = faker.PickRandom(Products);
            var m = byProduct[product];
            var start = today.AddDays(-faker.Random.Int(20, 3 * 365));
            var track = faker.PickRandom(new[] { m.Item2, m.Item3 });
            var steps = faker.Random.Int(1, 5);
            var plan = new[] { m.Item1, track, track == m.Item2 ? m.Item4 : m.Item5, m.Item6 }.Take(steps).ToList();
            var day = start;
            foreach (var module in plan)
            {
                day = day.AddDays(faker.Random.Int(3, 40));
                if (module == m.Item6) day = day.AddMonths(faker.Random.Int(15, 26));   // a refresher comes near the end of validity, or too late
                if (day > today) break;
                var isExam = module == m.Item4 || module == m.Item5;
                db.ModuleCompletions.Add(new ModuleCompletion
                {
                    PersonId = person.Id, ModuleId = module.Id, CompletedOn = day, Score = isExam ? faker.Random.Int(55, 98) : null,
                    Source = CompletionSource.Import, RecordedAt = clock.GetUtcNow(), RecordedBy = "demo",
                });
            }
        }
        await db.SaveChangesAsync(ct);

        var certified = people.Select(p => p.Id).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < certified.Count; i += 200)
            await certifications.RecomputeAsync(db, certified.Skip(i).Take(200).ToList(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    static void Certify(AccrueDb db, string code, string name, CertificationTrack track, TrainingModule[] modules, TrainingModule exam, TrainingModule refresher)
    {
        var certification = new Certification
        {
            Code = code, Name = name, Track = track, ValidMonths = 24, ExamModuleId = exam.Id, PassingScore = 70, RefresherModuleId = refresher.Id,
        };
        certification.Requirements.AddRange(modules.Select(m => new CertificationRequirement { CertificationId = certification.Id, ModuleId = m.Id }));
        db.Certifications.Add(certification);
    }
}
