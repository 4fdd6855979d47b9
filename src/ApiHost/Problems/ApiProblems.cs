using Microsoft.AspNetCore.Http.HttpResults;

namespace Pbx.ApiHost.Problems;

/// <summary>
/// The problem details (RFC 9457, formerly RFC 7807) every endpoint answers with for an expected failure, each with its
/// stable <c>code</c> (<see cref="ProblemCodes"/>).
/// </summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string resource, long id) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"No {resource} with id {id}.", ProblemCodes.NotFound);

    public static ProblemHttpResult NotFound(string resource, string id) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"No {resource} with id '{id}'.", ProblemCodes.NotFound);

    public static ProblemHttpResult Conflict(string detail, string code = ProblemCodes.Conflict) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail, code);

    public static ProblemHttpResult Unauthorized(string detail, string code = ProblemCodes.Unauthorized) =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail, code);

    /// <summary>Any other expected failure: its status, an English title and detail, and the code the console translates.</summary>
    public static ProblemHttpResult Problem(int status, string title, string detail, string code) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
