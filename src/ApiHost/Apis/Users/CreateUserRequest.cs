namespace Pbx.ApiHost.Apis.Users;

public sealed record CreateUserRequest(string? Username, string? Password, string? Role, string? ExtensionNumber);
