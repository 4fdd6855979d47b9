namespace Pbx.ApiHost.Auth;

public sealed record LoginRequest(string? Username, string? Password);
