namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>What a trunk test found.</summary>
/// <param name="Reached">The carrier answered at all (any final response, even 404 or 405, proves it is reached).</param>
/// <param name="Status">Its status code; null without an answer.</param>
/// <param name="Reason">Its reason phrase, or why nothing came back ("no answer in 5 s", "host ... does not resolve").</param>
/// <param name="RoundTripMs">OPTIONS sent to final response; null without an answer.</param>
public sealed record TrunkTestResponse(bool Reached, int? Status, string Reason, double? RoundTripMs);
