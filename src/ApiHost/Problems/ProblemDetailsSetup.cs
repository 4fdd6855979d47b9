using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Pbx.ApiHost.Problems;

/// <summary>Makes every 4xx/5xx a problem details body carrying a trace id and no internals.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        // A body that does not bind (a string where a number belongs) throws, so the exception handler can say which field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new NulCharacters.RefusingConverter()));
        services.Configure<ExceptionHandlerOptions>(options =>
        {
            options.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            // A client's malformed body is its mistake, not a server error worth an error-level log entry.
            options.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The trace id lets an operator find the server log line; the exception itself never leaves the server.
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Title = "The request could not be read.";
                context.ProblemDetails.Extensions["code"] = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProblemCodes.TooLarge : ProblemCodes.Unreadable;
                if (bad.InnerException is JsonException { Path: { Length: > 2 } path })
                {
                    var nul = bad.InnerException is NulCharacters.NulCharacterException;
                    var field = path[2..];
                    context.ProblemDetails.Title = "One or more fields are invalid.";
                    context.ProblemDetails.Extensions["code"] = nul ? ProblemCodes.NulCharacter : ProblemCodes.WrongType;
                    context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal)
                    {
                        [field] = [nul ? NulCharacters.Message : "has the wrong type for this field."],
                    };
                    context.ProblemDetails.Extensions["fieldCodes"] = new Dictionary<string, string[]>(StringComparer.Ordinal)
                    {
                        [field] = [nul ? ProblemCodes.NulCharacter : ProblemCodes.WrongType],
                    };
                }
            }
            // Every problem has a code: the producer's, or the one of its status.
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.ForStatus(context.ProblemDetails.Status));
        });
    }
}
