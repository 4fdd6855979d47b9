namespace Pbx.ApiHost.Apis.Calls;

/// <summary>Body of <c>POST .../dtmf</c>.</summary>
/// <param name="Digits">Tones to send, 1 to 32 of 0-9, *, #, A-D.</param>
/// <param name="From">The party whose side the tones come from (caller or callee number); absent = the caller. The phone page always sends from the user's own extension.</param>
public sealed record DtmfRequest(string? Digits, string? From = null);
