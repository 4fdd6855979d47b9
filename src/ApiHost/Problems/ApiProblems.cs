using Microsoft.AspNetCore.Http.HttpResults;

namespace Pbx.ApiHost.Problems;

/// <summary>The problem details (RFC 9457, formerly RFC 7807) every endpoint answers with for an expected failure.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string resource, long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {resource} with id {id}.");

    public static ProblemHttpResult NotFound(string resource, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {resource} with id '{id}'.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
}
