using Orleans;
using Orleans.Runtime;
using Pbx.Data;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>
/// The phones registered to extensions, asked of their grains (the registrar's own record; the database copy of bindings is
/// written behind). Every extension of a page is asked at once. One whose grain does not answer is listed with its devices
/// unknown (null) rather than failing the whole list. Phones of extensions outside the reader's scope are shown without
/// their addresses (<see cref="ExtensionContact.WithoutAddresses"/>).
/// </summary>
internal sealed partial class ExtensionDevices(IGrainFactory grains, TimeProvider clock, ILogger<ExtensionDevices> logger)
{
    public async Task<IReadOnlyList<ExtensionResponse>> WithDevicesAsync(IReadOnlyList<Extension> extensions, ViewScope scope)
    {
        var now = clock.GetUtcNow();
        var devices = await Task.WhenAll(extensions.Select(e => DevicesAsync(e.Number, now)));
        return [.. extensions.Select((e, i) => ExtensionResponse.Of(e, scope.Covers(e.Number) ? devices[i] : devices[i]?.Select(d => d.WithoutAddresses()).ToList()))];
    }

    private async Task<IReadOnlyList<ExtensionContact>?> DevicesAsync(string number, DateTimeOffset now)
    {
        try
        {
            var status = await grains.GetGrain<IExtensionGrain>(number).GetStatusAsync();
            return [.. status.Bindings.Select(b => ExtensionContact.From(b, now))];
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogGrainUnavailable(number, ex);
            return null;
        }
    }

    // EventIds 6310-6319: extension devices.
    [LoggerMessage(EventId = 6310, Level = LogLevel.Warning, Message = "Extension {Extension}: its grain did not answer; listed with its devices unknown")]
    private partial void LogGrainUnavailable(string extension, Exception exception);
}
