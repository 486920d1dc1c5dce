using System.Net;
using System.Text;
using System.Text.Json;
using Accrue.Data.Partners;
using Accrue.Web.Features.Deals;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Deals;

/// <summary>A registration retried with its Idempotency-Key gets the first answer and creates nothing more, even when the retries race.</summary>
public sealed class DealIdempotencyTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    sealed record Answer(HttpStatusCode Status, string Body, Uri? Location);

    static async Task<Answer> Post(HttpClient client, string key, RegisterDealRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deals")
        {
            Content = new StringContent(JsonSerializer.Serialize(request, Api.Json), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(message);
        return new(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    static async Task<(int Deals, int Records, int Audit)> Counts(AccrueApp app, Partner partner)
    {
        await using var db = app.Db();
        var deals = (await db.Deals.Where(d => d.PartnerId == partner.Id).Select(d => d.Id).ToListAsync()).Select(id => id.ToString()).ToList();
        return (deals.Count, await db.IdempotencyRecords.CountAsync(), await db.AuditEntries.CountAsync(e => deals.Contains(e.EntityId)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_same_registration_sent_twice_with_one_key_creates_one_deal_and_answers_alike(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(partner));
        var request = DealCalls.Registration(DealCalls.Customer());
        var records = (await Counts(app, partner)).Records;
        var key = Guid.NewGuid().ToString();

        var first = await Post(client, key, request);
        var retry = await Post(client, key, request);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first, retry);
        // Drafted and submitted once: the retry wrote no audit either.
        Assert.Equal((1, records + 1, 2), await Counts(app, partner));
        var outcome = JsonSerializer.Deserialize<RegistrationOutcome>(first.Body, Api.Json)!;
        await using var db = app.Db();
        Assert.Equal(request.CustomerName, (await db.Deals.SingleAsync(d => d.Id == outcome.DealId)).CustomerName);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_same_key_with_another_registration_answers_422_and_creates_nothing(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(partner));
        var key = Guid.NewGuid().ToString();
        await Post(client, key, DealCalls.Registration(DealCalls.Customer()));
        var before = await Counts(app, partner);

        var other = await Post(client, key, DealCalls.Registration(DealCalls.Customer()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Contains("Idempotency-Key", other.Body);
        Assert.Equal(before, await Counts(app, partner));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Another_users_key_of_the_same_text_is_a_key_of_its_own(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var request = DealCalls.Registration(DealCalls.Customer());
        var key = Guid.NewGuid().ToString();

        var first = await Post(await app.ClientFor(await app.Seed.PartnerUserOf(partner)), key, request);
        var second = await Post(await app.ClientFor(await app.Seed.PartnerUserOf(partner)), key, request);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        Assert.NotEqual(first.Location, second.Location);
        Assert.Equal(2, (await Counts(app, partner)).Deals);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Five_concurrent_requests_with_one_key_create_one_deal_and_all_get_the_first_answer(Database database)
    {
        var app = await apps.On(database);
        var partner = await app.Seed.Partner();
        var client = await app.ClientFor(await app.Seed.PartnerUserOf(partner));
        var request = DealCalls.Registration(DealCalls.Customer());
        var records = (await Counts(app, partner)).Records;
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Post(client, key, request)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.Status));
        Assert.Single(answers.Distinct());
        Assert.Equal((1, records + 1, 2), await Counts(app, partner));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Retries_queued_among_new_registrations_get_the_first_answer_and_every_new_one_is_saved_once(Database database)
    {
        var app = await apps.On(database);
        var (partner, user, actor, queue) = await DealCalls.Queuing(app);
        NewRegistration Registration(string key, string hash) =>
            new(actor, partner.Id, DealCalls.Registration(DealCalls.Customer()), user.Id.ToString(), key, hash);
        var first = await queue.RegisterAsync(Registration("first", "first's request"));
        var records = (await Counts(app, partner)).Records;

        // Queued before any answer is awaited, so that the retries go in groups with new registrations: a group holding a key
        // saved before is rolled back on PostgreSQL and saved again after looking its keys up.
        var registrations = Enumerable.Range(0, 20)
            .Select(i => i switch
            {
                3 or 11 => Registration("first", "first's request"),
                7 => Registration("first", "another request"),
                _ => Registration($"new {i}", $"request {i}"),
            })
            .ToList();
        var answers = registrations.Select(queue.RegisterAsync).ToList();
        await Assert.ThrowsAsync<RequestUnprocessable>(() => answers[7]);
        var outcomes = await Task.WhenAll(answers.Where((_, i) => i != 7));

        Assert.Equal(first, outcomes[3]);
        Assert.Equal(first, outcomes[10]);
        var created = outcomes.Where((_, i) => i is not (3 or 10)).Select(o => o.DealId).ToList();
        Assert.Equal(17, created.Distinct().Count());
        Assert.DoesNotContain(first.DealId, created);
        // Every new registration once, with its key, its two audit entries; nothing of the rolled-back groups.
        Assert.Equal((18, records + 17, 36), await Counts(app, partner));
    }
}
