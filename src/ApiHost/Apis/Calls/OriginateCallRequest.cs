namespace Pbx.ApiHost.Apis.Calls;

/// <summary>Body of <c>POST /api/v1/calls/originate</c> (click-to-call); the phone page's variant takes only <paramref name="To"/>.</summary>
/// <param name="From">The extension whose phones ring first.</param>
/// <param name="To">The number called once From answers: an extension or an outside number.</param>
public sealed record OriginateCallRequest(string? From, string? To);
