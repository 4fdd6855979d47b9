using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>One row of the DID table as inbound routing reads it.</summary>
/// <param name="Number">The DID as stored (any format the number plan normalises).</param>
/// <param name="Kind">Destination kind: extension, ivr, queue, voicemail, conference; null when unassigned.</param>
/// <param name="Target">Destination id; null when unassigned.</param>
/// <param name="TrunkId">The trunk the DID belongs to; null for any trunk.</param>
[GenerateSerializer, Immutable]
public sealed record DidDestination(string Number, string? Kind, string? Target, string? TrunkId);
