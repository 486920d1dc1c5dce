using System.Net;
using Accrue.Data.Training;
using Accrue.Engine.Training;
using Accrue.Web.Features.Training;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Training;

/// <summary>People's training records: partners see their own, imports are all or nothing, and importing twice changes nothing.</summary>
public sealed class TrainingRecordsTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    const string Header = "person_email,module_code,completed_on,score";
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A certification of three modules (the last an exam, passing at 70), with codes unique to one test.</summary>
    static async Task<(string Foundations, string Selling, string Exam, Guid Certification)> Catalog(AccrueApp app)
    {
        var prefix = $"T{Guid.NewGuid().ToString("N")[..6]}";
        await using var db = app.Db();
        TrainingModule Module(string code) => db.TrainingModules.Add(new TrainingModule { Code = $"{prefix}-{code}", Title = $"{prefix} {code}", Product = "Analytics", DurationMinutes = 60 }).Entity;
        var (foundations, selling, exam) = (Module("101"), Module("201"), Module("SX"));
        var certification = new Certification { Code = $"{prefix}-SALES", Name = $"{prefix} Sales Professional", ValidMonths = 24, ExamModuleId = exam.Id, PassingScore = 70 };
        certification.Requirements.AddRange(new[] { foundations, selling, exam }.Select(m => new CertificationRequirement { CertificationId = certification.Id, ModuleId = m.Id }));
        db.Certifications.Add(certification);
        await db.SaveChangesAsync();
        return (foundations.Code, selling.Code, exam.Code, certification.Id);
    }

    static string File(params string[] rows) => string.Join("\n", [Header, .. rows]) + "\n";

    static async Task<(int Completions, int Holdings, int Changes, int Audit)> Counts(AccrueApp app)
    {
        await using var db = app.Db();
        return (await db.ModuleCompletions.CountAsync(), await db.CertificationHoldings.CountAsync(), await db.CertificationChanges.CountAsync(), await db.AuditEntries.CountAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_partner_admin_sees_only_its_own_people_and_completions(Database database)
    {
        var app = await apps.On(database);
        var (foundations, _, _, _) = await Catalog(app);
        var (own, other) = (await app.Seed.Partner(), await app.Seed.Partner());
        var (ownPerson, otherPerson) = (await app.Seed.Contact(own), await app.Seed.Contact(other));
        var admin = await app.ClientFor(await app.Seed.ProgramAdmin());
        foreach (var person in new[] { ownPerson, otherPerson })
            await (await admin.PostJson("/api/v1/training/completions", new { personId = person.Id, moduleCode = foundations, completedOn = Today.AddDays(-3) }))
                .ShouldBe(HttpStatusCode.OK);
        var partnerAdmin = await app.ClientFor(await app.Seed.PartnerAdminOf(own));

        await (await partnerAdmin.GetAsync($"/api/v1/training/partners/{other.Id}/people")).ShouldBe(HttpStatusCode.NotFound);
        var people = await (await partnerAdmin.GetAsync($"/api/v1/training/partners/{own.Id}/people")).Read<List<PersonTraining>>();
        Assert.Equal([ownPerson.Id], people.Select(p => p.PersonId));
        var completions = await (await partnerAdmin.GetAsync("/api/v1/training/completions?pageSize=200")).Read<Paged<CompletionRow>>();
        Assert.Equal([ownPerson.Id], completions.Items.Select(c => c.PersonId).Distinct());
        // Recording for another partner's person is as if that person did not exist.
        await (await partnerAdmin.PostJson("/api/v1/training/completions", new { personId = otherPerson.Id, moduleCode = foundations, completedOn = Today }))
            .ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_bad_completions_file_answers_400_by_line_and_column_and_writes_nothing(Database database)
    {
        var app = await apps.On(database);
        var (foundations, selling, exam, _) = await Catalog(app);
        var (own, other) = (await app.Seed.Partner(), await app.Seed.Partner());
        var (person, stranger) = (await app.Seed.Contact(own), await app.Seed.Contact(other));
        var partnerAdmin = await app.ClientFor(await app.Seed.PartnerAdminOf(own));
        var before = await Counts(app);

        var problem = await (await partnerAdmin.PostCsv("/api/v1/training/completions/import", File(
            $"{person.Email},{foundations},{Today.AddDays(-9):yyyy-MM-dd},",        // line 2: fine
            $"{person.Email},NO-SUCH-MODULE,{Today.AddDays(-8):yyyy-MM-dd},",       // line 3: unknown module
            $"{stranger.Email},{selling},{Today.AddDays(-7):yyyy-MM-dd},",          // line 4: another partner's person
            $"{person.Email},{exam},{Today.AddDays(5):yyyy-MM-dd},80",               // line 5: in the future
            $"{person.Email},{exam},{Today.AddDays(-1):yyyy-MM-dd},120")))          // line 6: impossible score
            .Problem(HttpStatusCode.BadRequest);

        Assert.Equal(["line 3, module_code", "line 4, person_email", "line 5, completed_on", "line 6, score"], problem.Errors!.Keys.Order());
        Assert.Equal(before, await Counts(app));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Importing_the_same_completions_twice_certifies_once_and_changes_nothing_the_second_time(Database database)
    {
        var app = await apps.On(database);
        var (foundations, selling, exam, certification) = await Catalog(app);
        var partner = await app.Seed.Partner();
        var person = await app.Seed.Contact(partner);
        var partnerAdmin = await app.ClientFor(await app.Seed.PartnerAdminOf(partner));
        var examDay = Today.AddDays(-2);
        var csv = File($"{person.Email},{foundations},{Today.AddDays(-20):yyyy-MM-dd},",
                       $"{person.Email},{selling},{Today.AddDays(-10):yyyy-MM-dd},",
                       $"{person.Email},{exam},{examDay:yyyy-MM-dd},86");

        var first = await (await partnerAdmin.PostCsv("/api/v1/training/completions/import", csv)).Read<CompletionImportResult>();
        var afterFirst = await Counts(app);
        var second = await (await partnerAdmin.PostCsv("/api/v1/training/completions/import", csv)).Read<CompletionImportResult>();

        Assert.Equal(new CompletionImportResult(3, 0, 0, 1), first);
        Assert.Equal(new CompletionImportResult(0, 0, 3, 0), second);
        Assert.Equal(afterFirst, await Counts(app));
        await using var db = app.Db();
        var holding = await db.CertificationHoldings.SingleAsync(h => h.PersonId == person.Id);
        Assert.Equal((certification, examDay, examDay.AddMonths(24)), (holding.CertificationId, holding.ValidFrom, holding.ValidUntil));
        var earned = await db.CertificationChanges.SingleAsync(c => c.PersonId == person.Id);
        Assert.Equal((CertificationEventKind.Earned, examDay), (earned.Kind, earned.On));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "CertificationEarned" && e.EntityId == $"{person.Id}/{certification}"));
    }
}
