using Orleans;

namespace Pbx.Grains.Trunks;

/// <summary>
/// An OPTIONS "are you there" to a carrier (RFC 3261 11), as a trunk test sends it: to <paramref name="Address"/> and
/// <paramref name="Port"/> over <paramref name="Transport"/> (udp or tcp), Request-URI <paramref name="RequestUri"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrunkProbe(string Transport, string Address, int Port, string RequestUri);

/// <summary>
/// What a trunk test found: the carrier's final response (<paramref name="Status"/> null when none came within the
/// wait) and how long it took, or why no request could be sent.
/// </summary>
/// <param name="Status">The carrier's status code; null without an answer.</param>
/// <param name="Reason">Its reason phrase, or what went wrong ("no answer in 5 s", "host does not resolve").</param>
/// <param name="RoundTripMs">Request sent to final response; null without an answer.</param>
[GenerateSerializer, Immutable]
public sealed record TrunkProbeResult(int? Status, string Reason, double? RoundTripMs);

/// <summary>Tests a trunk: an OPTIONS from an edge to the carrier (a stateless worker: any silo answers).</summary>
public interface ITrunkTestGrain : IGrainWithIntegerKey
{
    /// <summary>Sends OPTIONS to trunk <paramref name="trunkId"/>'s carrier; null when there is no such enabled trunk.</summary>
    Task<TrunkProbeResult?> TestAsync(string trunkId);
}
