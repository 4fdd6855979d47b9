using Orleans;
using Orleans.Runtime;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>
/// The phones registered to extensions, asked of their grains (the registrar's own record; the database copy of bindings is
/// written behind). Every extension of a page is asked at once. One whose grain does not answer is listed with its devices
/// unknown (null) rather than failing the whole list.
/// </summary>
internal static class ExtensionDevices
{
    public static async Task<IReadOnlyList<ExtensionResponse>> WithDevicesAsync(IReadOnlyList<Extension> extensions, IGrainFactory grains, DateTimeOffset now)
    {
        var devices = await Task.WhenAll(extensions.Select(e => DevicesAsync(grains, e.Number, now)));
        return [.. extensions.Select((e, i) => ExtensionResponse.Of(e, devices[i]))];
    }

    private static async Task<IReadOnlyList<ExtensionContact>?> DevicesAsync(IGrainFactory grains, string number, DateTimeOffset now)
    {
        try
        {
            var status = await grains.GetGrain<IExtensionGrain>(number).GetStatusAsync();
            return [.. status.Bindings.Select(b => ExtensionContact.From(b, now))];
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return null;
        }
    }
}
