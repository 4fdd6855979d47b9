namespace Pbx.ApiHost.Apis.DidNumbers;

/// <summary>Where calls to a DID go: <c>kind</c> extension | ivr | queue | voicemail | conference, and the target's key.</summary>
public sealed record DidRouteRequest(string? Kind, string? Target);
