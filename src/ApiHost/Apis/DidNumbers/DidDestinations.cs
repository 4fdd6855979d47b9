using Pbx.ApiHost.Problems;
using Pbx.Data.DidNumbers;

namespace Pbx.ApiHost.Apis.DidNumbers;

/// <summary>
/// Checks that a route's target exists. A kind whose table has not been created yet (its feature is not built) is
/// refused as not available rather than stored unchecked.
/// </summary>
internal static class DidDestinations
{
    public static async Task ValidateAsync(DidRouteRequest route, DidNumberRepository dids, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (route.Kind is null || !DidNumberRepository.DestinationKinds.Contains(route.Kind))
        {
            errors.Add("kind", $"must be one of {string.Join(", ", DidNumberRepository.DestinationKinds)}.");
            return;
        }
        if (string.IsNullOrWhiteSpace(route.Target) || route.Target.Length > 64)
        {
            errors.Add("target", "is required: 1 to 64 characters.");
            return;
        }

        switch (await dids.DestinationExistsAsync(route.Kind, route.Target, cancellationToken))
        {
            case null:
                errors.Add("kind", $"'{route.Kind}' destinations are not available yet.");
                break;
            case var exists:
                errors.Require(exists.Value, "target", $"no {route.Kind} '{route.Target}' exists.");
                break;
        }
    }
}
