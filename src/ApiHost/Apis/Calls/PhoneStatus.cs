namespace Pbx.ApiHost.Apis.Calls;

/// <summary>The signed-in user's phone, as <c>GET /api/v1/me/phone</c> answers it.</summary>
/// <param name="ExtensionNumber">The user's extension (<c>users.extension_number</c>), or null when none is linked.</param>
/// <param name="Call">The extension's call in progress, if it has one.</param>
public sealed record PhoneStatus(string? ExtensionNumber, ActiveCall? Call);
