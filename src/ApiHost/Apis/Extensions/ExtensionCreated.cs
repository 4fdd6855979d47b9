using Pbx.Data.Extensions;
namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>
/// The new extension and, when the request left the password out, the generated one: shown this once, since only
/// its HA1 is stored.
/// </summary>
public sealed record ExtensionCreated(Extension Extension, string? GeneratedPassword);
