using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Accrue.Web.Hosting;

/// <summary>A request that cannot be carried out as sent: field-level messages (or row/line for imports).</summary>
public sealed class InvalidRequest(IDictionary<string, string[]> errors, string? title = null)
    : Exception(title ?? "The request has errors.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static InvalidRequest For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The record does not exist, or it is not the caller's to see: both answer 404, so neither leaks.</summary>
public sealed class RecordNotFound(string what) : Exception($"{what} was not found.");

/// <summary>The request clashes with the record's state: an illegal transition, a stale revision, a duplicate.</summary>
public sealed class StateConflict(string reason) : Exception(reason);

/// <summary>The request is well-formed but cannot be processed as sent, e.g. an Idempotency-Key reused with another body (422).</summary>
public sealed class RequestUnprocessable(string reason) : Exception(reason);

/// <summary>The caller is known but may not do this.</summary>
public sealed class ActionForbidden(string reason) : Exception(reason);

/// <summary>The one place where Accrue's exceptions become RFC 9457 problem details.</summary>
sealed class ProblemDetailsForAccrueErrors(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails? problem = exception switch
        {
            InvalidRequest invalid => new ValidationProblemDetails(invalid.Errors)
            {
                Status = StatusCodes.Status400BadRequest, Title = invalid.Message,
            },
            RecordNotFound notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = notFound.Message },
            StateConflict conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Message },
            RequestUnprocessable unprocessable => new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Title = "Unprocessable request", Detail = unprocessable.Message },
            ActionForbidden forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = forbidden.Message },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            _ => null,
        };
        if (problem is null) return false;
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
