namespace Accrue.Web.Hosting;

static class Uploads
{
    /// <summary>The CSV of a request: its body, or the first file of a multipart form, buffered in memory.</summary>
    /// <remarks>CsvHelper reads synchronously, and Kestrel forbids synchronous reads of a request body.</remarks>
    public static async Task<MemoryStream> ReadCsvAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.FirstOrDefault() ?? throw InvalidRequest.For("file", "Attach a CSV file.");
            await using var upload = file.OpenReadStream();
            await upload.CopyToAsync(buffer, ct);
        }
        else
        {
            await request.Body.CopyToAsync(buffer, ct);
        }
        buffer.Position = 0;
        return buffer;
    }
}
