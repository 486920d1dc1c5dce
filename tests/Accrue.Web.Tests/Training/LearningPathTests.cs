using System.Net;
using Accrue.Data.Training;
using Accrue.Web.Features.Training;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Training;

/// <summary>Program admins define learning paths (modules in the order to take them) and redefine them; nobody else can.</summary>
public sealed class LearningPathTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    static async Task<List<TrainingModule>> Modules(AccrueApp app, int count)
    {
        var prefix = $"LP-{DealCalls.Letters(6).ToUpperInvariant()}";
        var modules = Enumerable.Range(1, count)
            .Select(i => new TrainingModule { Code = $"{prefix}-{i}", Title = $"{prefix} module {i}", Product = "Analytics", DurationMinutes = 30 }).ToList();
        await using var db = app.Db();
        db.TrainingModules.AddRange(modules);
        await db.SaveChangesAsync();
        return modules;
    }

    static async Task<PathView> Listed(HttpClient client, Guid id) =>
        Assert.Single(await (await client.GetAsync("/api/v1/training/paths")).Read<List<PathView>>(), p => p.Id == id);

    [Theory, SqliteData, PostgresData]
    public async Task An_admin_defines_a_path_in_order_then_redefines_it_and_both_are_audited(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var (m1, m2, m3) = await Modules(app, 3) switch { var m => (m[0], m[1], m[2]) };
        var name = $"Analytics for sellers {DealCalls.Letters(5)}";

        var id = await (await admin.PostJson("/api/v1/training/paths", new SaveLearningPathRequest(name, "From pitch to proof.", [m3.Id, m1.Id])))
            .Read<Guid>(HttpStatusCode.Created);
        var defined = await Listed(admin, id);
        Assert.Equal([m3.Title, m1.Title], defined.Modules);
        Assert.Equal("From pitch to proof.", defined.Description);

        await (await admin.PutJson($"/api/v1/training/paths/{id}", new SaveLearningPathRequest(name, null, [m1.Id, m2.Id, m3.Id]))).ShouldBe(HttpStatusCode.OK);
        var redefined = await Listed(admin, id);
        Assert.Equal([m1.Id, m2.Id, m3.Id], redefined.ModuleIds);
        Assert.Null(redefined.Description);

        await using var db = app.Db();
        Assert.Equal(["LearningPathDefined", "LearningPathRedefined"],
                     await db.AuditEntries.Where(e => e.EntityId == id.ToString()).OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        Assert.Equal([1, 2, 3], (await db.LearningPaths.Include(p => p.Steps).SingleAsync(p => p.Id == id)).Steps.Select(s => s.Position).Order());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_path_without_modules_with_a_module_twice_an_unknown_module_or_a_taken_name_is_refused_by_field(Database database)
    {
        var app = await apps.On(database);
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        var module = (await Modules(app, 1))[0];
        var taken = $"Taken {DealCalls.Letters(6)}";
        await (await admin.PostJson("/api/v1/training/paths", new SaveLearningPathRequest(taken, null, [module.Id]))).ShouldBe(HttpStatusCode.Created);

        foreach (var (request, field, words) in new (SaveLearningPathRequest, string, string)[]
                 {
                     (new("", null, []), "moduleIds", "at least one module"),
                     (new("Twice", null, [module.Id, module.Id]), "moduleIds", "appears once"),
                     (new("Unknown", null, [Guid.NewGuid()]), "moduleIds", "must exist"),
                     (new(taken, null, [module.Id]), "name", "Another learning path"),
                 })
        {
            var problem = await (await admin.PostJson("/api/v1/training/paths", request)).Problem(HttpStatusCode.BadRequest);
            Assert.Contains(words, string.Join(" ", problem.Errors![field]));
        }
        await using var db = app.Db();
        Assert.Equal(1, await db.LearningPaths.CountAsync(p => p.Name == taken || p.Name == "Twice" || p.Name == "Unknown"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Partner_users_and_partner_managers_read_paths_but_cannot_define_them(Database database)
    {
        var app = await apps.On(database);
        var module = (await Modules(app, 1))[0];
        var partnerUser = await app.ClientFor(await app.Seed.PartnerUserOf(await app.Seed.Partner()));
        var manager = await app.ClientFor(await app.Seed.PartnerManager());
        var request = new SaveLearningPathRequest($"Not mine {DealCalls.Letters(5)}", null, [module.Id]);

        await (await partnerUser.PostJson("/api/v1/training/paths", request)).ShouldBe(HttpStatusCode.Forbidden);
        await (await manager.PostJson("/api/v1/training/paths", request)).ShouldBe(HttpStatusCode.Forbidden);
        await (await partnerUser.GetAsync("/api/v1/training/paths")).ShouldBe(HttpStatusCode.OK);
        await using var db = app.Db();
        Assert.False(await db.LearningPaths.AnyAsync(p => p.Name == request.Name));
    }
}
