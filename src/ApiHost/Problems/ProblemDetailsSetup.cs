using System.Diagnostics;

namespace Pbx.ApiHost.Problems;

/// <summary>Makes every 4xx/5xx a problem details body carrying a trace id and no internals.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The trace id lets an operator find the server log line; the exception itself never leaves the server.
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
}
