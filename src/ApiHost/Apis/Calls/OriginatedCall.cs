namespace Pbx.ApiHost.Apis.Calls;

/// <summary>Answer of an accepted click-to-call: the new call's id, the key of its live events and its actions.</summary>
/// <param name="CallId">A fresh call key, <c>c2c-</c> followed by 32 hex digits.</param>
public sealed record OriginatedCall(string CallId);
