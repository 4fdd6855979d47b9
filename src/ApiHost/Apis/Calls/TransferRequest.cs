namespace Pbx.ApiHost.Apis.Calls;

/// <summary>Body of <c>POST .../transfer</c>: a blind transfer.</summary>
/// <param name="Target">The number the remaining party is connected to: an extension or an outside number.</param>
/// <param name="Transferor">The party that leaves the call (caller or callee number); absent = the callee leaves. The phone page always sends the user's own extension.</param>
public sealed record TransferRequest(string? Target, string? Transferor = null);
