namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>
/// Changes to an extension; a field left out keeps its value. The number is its identity (phones register with it)
/// and cannot change.
/// </summary>
public sealed record UpdateExtensionRequest(string? DisplayName, int? MaxContacts, bool? Enabled);
