using Pbx.Data.Extensions;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>An extension as the list and <c>GET /api/v1/extensions/{id}</c> show it: its row and the phones registered to it.</summary>
/// <param name="Registered">At least one phone is registered; null when the extension's grain did not answer.</param>
/// <param name="Devices">The registered phones, most preferred first; null when the extension's grain did not answer.</param>
public sealed record ExtensionResponse(
    long Id, string Number, string DisplayName, string Realm, bool Enabled, int MaxContacts, DateTime CreatedAt, DateTime UpdatedAt,
    bool? Registered, IReadOnlyList<ExtensionContact>? Devices)
{
    public static ExtensionResponse Of(Extension e, IReadOnlyList<ExtensionContact>? devices) =>
        new(e.Id, e.Number, e.DisplayName, e.Realm, e.Enabled, e.MaxContacts, e.CreatedAt, e.UpdatedAt, devices is null ? null : devices.Count > 0, devices);
}
