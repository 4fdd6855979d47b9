namespace Pbx.ApiHost.Apis.Calls;

/// <summary>Body of <c>POST .../deflect</c>: ring someone else instead while the call is ringing.</summary>
/// <param name="Target">An extension, an outside number, or <c>voicemail</c> (the called extension's voicemail box).</param>
public sealed record DeflectRequest(string? Target);
