namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>A new extension; a missing password is generated and returned once.</summary>
public sealed record CreateExtensionRequest(string? Number, string? DisplayName, string? Password, int? MaxContacts, bool? Enabled);
