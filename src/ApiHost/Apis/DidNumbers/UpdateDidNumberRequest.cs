namespace Pbx.ApiHost.Apis.DidNumbers;

/// <summary>A description left out keeps its value. The number itself is the DID's identity at the carrier and cannot change; delete and re-create instead.</summary>
public sealed record UpdateDidNumberRequest(string? Description);
