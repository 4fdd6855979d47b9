namespace Pbx.Grains.Calls.Rules;

/// <summary>What the dial plan and the target extension said about a blind transfer's target.</summary>
/// <param name="Routed">The extension the dial plan routed to; "" when busy (do-not-disturb); null when the number is no extension.</param>
/// <param name="Reachable">The routed extension exists, is enabled and has at least one registered phone.</param>
public readonly record struct TransferTarget(string? Routed, bool Reachable);

/// <summary>
/// Why a blind transfer's target cannot ring, as the final response the transferor hears in its NOTIFY (RFC 3515 2.4.5), or null
/// when it can: 404 for no such extension, 486 for do-not-disturb without a forward, 480 for an extension without a phone.
/// Numbers that are no extension are tried on the outbound dial plan before this rule (transfer to an outside number).
/// </summary>
public static class TransferTargetRule
{
    public static CallerResponse? Refusal(TransferTarget target) => target switch
    {
        { Routed: null } => new CallerResponse(404, "Not Found", null),
        { Routed.Length: 0 } => new CallerResponse(486, "Busy Here", null),
        { Reachable: false } => new CallerResponse(480, "Temporarily Unavailable", null),
        _ => null,
    };
}
