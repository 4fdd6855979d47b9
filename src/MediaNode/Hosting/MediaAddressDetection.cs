using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pbx.MediaNode.Hosting;

/// <summary>
/// Fills <see cref="MediaOptions.Address"/> when it is not set: with <see cref="MediaOptions.BindAddress"/> when the RTP
/// sockets are bound to one address (phones can only reach them there), otherwise with the host's primary address
/// (<see cref="PrimaryAddress"/>). Before, it defaulted to 127.0.0.1, and a phone on the LAN got no audio. The choice is
/// made and logged once, however many options instances are built.
/// </summary>
internal sealed partial class MediaAddressDetection(Func<IReadOnlyList<HostInterface>> interfaces, ILogger<MediaAddressDetection> logger)
    : IPostConfigureOptions<MediaOptions>
{
    private readonly Lock _lock = new();
    private PrimaryAddressChoice? _primary;

    public void PostConfigure(string? name, MediaOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Address))
            return;
        if (IPAddress.TryParse(options.BindAddress, out var bound) && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
        {
            options.Address = options.BindAddress;
            return;
        }
        options.Address = Primary().Address.ToString();
    }

    private PrimaryAddressChoice Primary()
    {
        lock (_lock)
        {
            if (_primary is not null)
                return _primary;
            _primary = PrimaryAddress.Choose(interfaces());
            if (_primary.Reason == PrimaryAddressReason.LoopbackOnly)
                LogLoopbackOnly(_primary.Address.ToString());
            else
                LogDetected(_primary.Address.ToString(), _primary.Interface!, _primary.Reason);
            return _primary;
        }
    }

    // EventIds 4050-4059: media address detection.
    [LoggerMessage(EventId = 4050, Level = LogLevel.Information,
        Message = "Media:Address is not set: phones are sent RTP at {Address}, the address of {Interface} ({Reason})")]
    private partial void LogDetected(string address, string @interface, PrimaryAddressReason reason);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Warning,
        Message = "Media:Address is not set and this host has no network interface up but loopback: phones are sent RTP at {Address}, so only phones on this machine hear audio. Set Media:Address to the address phones reach")]
    private partial void LogLoopbackOnly(string address);
}
