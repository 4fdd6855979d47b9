namespace Pbx.ApiHost.Auth;

/// <summary>An access token and when it stops being accepted.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, DateTime ExpiresAt, int ExpiresIn, string Username, string Role);
