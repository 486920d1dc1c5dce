using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>An RFC 9457 problem, as the API answers errors.</summary>
public sealed record Problem(int? Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors);

/// <summary>Reading and sending the API's JSON the way the API writes it (camelCase, enums as names).</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> Read<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await response.ShouldBe(expected);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task<Problem> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ShouldBe(expected);
        return (await response.Content.ReadFromJsonAsync<Problem>(Json))!;
    }

    /// <summary>Asserts the status, showing the body when it differs: a bare "expected 200, was 500" says nothing.</summary>
    public static async Task ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected} {expected}, " +
                        $"got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    /// <summary>Sends JSON exactly as written, for bodies no C# record could produce (extra members).</summary>
    public static Task<HttpResponseMessage> SendRaw(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static Task<HttpResponseMessage> PostCsv(this HttpClient client, string url, string csv) =>
        client.PostAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv"));
}
