namespace Pbx.ApiHost.Apis.Users;

/// <summary>Body of the password endpoints of users and extensions.</summary>
public sealed record SetPasswordRequest(string? Password);
