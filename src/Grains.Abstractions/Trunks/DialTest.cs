using Orleans;

namespace Pbx.Grains.Trunks;

/// <summary>What dialling a number would do, as the call grains route it.</summary>
public enum DialTestOutcome
{
    /// <summary>The number is an extension: it rings (or follows the extension's forwards).</summary>
    Extension,

    /// <summary>An outside number the dial plan sends to trunks.</summary>
    Outbound,

    /// <summary>The dialling extension's permission class does not reach the number (403).</summary>
    NotPermitted,

    /// <summary>The rule matched, but the number is no valid one after its strip and prepend (484).</summary>
    InvalidNumber,

    /// <summary>The rule matched but sends the number nowhere (404).</summary>
    NoRoute,

    /// <summary>The rule's first trunk is disabled or deleted (503).</summary>
    TrunkUnavailable,

    /// <summary>No extension and no dial rule of the extension's group: the caller hears 404.</summary>
    NotFound,
}

/// <summary>
/// The dial plan's answer for a number dialled from an extension, with nothing dialled and nothing counted: the outcome,
/// the rule that matched (if any), the route it gives (number, kind, trunks in order) and the extension's permission class.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DialTest(DialTestOutcome Outcome, DialRule? Rule, OutboundRoute? Route, PermissionClass Permission);

/// <summary>Answers "what happens when extension X dials Y" with the routing code calls use (a stateless worker: any silo answers).</summary>
public interface IDialPlanGrain : IGrainWithIntegerKey
{
    /// <summary>What dialling <paramref name="dialled"/> from extension <paramref name="extension"/> would do.</summary>
    Task<DialTest> TestAsync(string dialled, string extension);
}
