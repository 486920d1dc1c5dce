using System.Net;
using System.Text.Json;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Hosting;

public sealed class OpenApiTests
{
    /// <summary>
    /// The API reference is written in the handlers' XML comments. The generator that carries them
    /// into the document skips private methods, so a handler made private drops out silently: this
    /// catches it.
    /// </summary>
    [Fact]
    public async Task Every_operation_in_the_OpenAPI_document_has_a_summary()
    {
        await using var app = await AccrueApp.StartAsync(Database.Sqlite);
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();

        Assert.True(operations.Count > 30, $"Only {operations.Count} operations: is the document complete?");
        Assert.Empty(operations.Where(o => !o.Operation.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString()))
                               .Select(o => o.Name));
    }
}
