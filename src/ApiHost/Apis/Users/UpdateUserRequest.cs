namespace Pbx.ApiHost.Apis.Users;

public sealed record UpdateUserRequest(string? Role, string? ExtensionNumber);
