using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Problems;
using Pbx.Data.Extensions;

namespace Pbx.ApiHost.Apis.Extensions;

public static partial class ExtensionsApi
{
    private static readonly string[] PermissionClasses = ["internal", "national", "international"];

    internal static async Task<Results<Ok<ExtensionOutboundSettings>, ProblemHttpResult>> GetOutboundAsync(
        long id, ExtensionRepository extensions, CancellationToken cancellationToken)
    {
        var outbound = await extensions.GetOutboundAsync(id, cancellationToken);
        return outbound is null ? ApiProblems.NotFound("extension", id) : TypedResults.Ok(outbound);
    }

    internal static async Task<Results<Ok<ExtensionOutboundSettings>, ValidationProblem, ProblemHttpResult>> PutOutboundAsync(
        long id, ExtensionOutboundSettings settings, ExtensionRepository extensions, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(settings.Group is not null && GroupPattern().IsMatch(settings.Group), "group", "must be 1 to 32 of letters, digits, '_', '-'.");
        errors.Require(settings.PermissionClass is not null && PermissionClasses.Contains(settings.PermissionClass), "permissionClass",
            "must be internal, national or international.");
        errors.Require(settings.OutboundCallerId is null || CallerIdPattern().IsMatch(settings.OutboundCallerId), "outboundCallerId",
            "must be a phone number: an optional '+' and 3 to 15 digits.");
        errors.Require(settings.MaxOutboundCalls is >= 0 and <= 1000, "maxOutboundCalls", "must be 0 (no limit) to 1000.");
        errors.Require(settings.OutboundCallsPerHour is >= 0 and <= 100_000, "outboundCallsPerHour", "must be 0 (no limit) to 100000.");
        errors.Require(settings.OutboundMinutesPerDay is >= 0 and <= 1_440_000, "outboundMinutesPerDay", "must be 0 (no limit) to 1440000.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        // No grain to tell: call grains read the outbound columns, limits included, per trunk call.
        var updated = await extensions.SetOutboundAsync(id, settings, cancellationToken);
        return updated is null ? ApiProblems.NotFound("extension", id) : TypedResults.Ok(updated);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex GroupPattern();

    // ITU-T E.164: at most 15 digits.
    [GeneratedRegex(@"^\+?[0-9]{3,15}$")]
    private static partial Regex CallerIdPattern();
}
