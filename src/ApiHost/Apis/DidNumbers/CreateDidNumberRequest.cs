namespace Pbx.ApiHost.Apis.DidNumbers;

public sealed record CreateDidNumberRequest(string? Number, string? Description);
