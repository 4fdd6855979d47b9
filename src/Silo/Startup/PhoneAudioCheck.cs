using System.Net;
using Pbx.MediaNode.Hosting;

namespace Pbx.Silo.Startup;

/// <summary>
/// Settings of the SIP edge and the media node in one process that let phones register and ring but hear nothing: a
/// loopback <c>Media:Address</c> (SDP tells phones to send RTP to 127.0.0.1, their own machine) while SIP is reachable from
/// elsewhere. Listening on one LAN address makes that certain, so start-up stops; listening on every interface still serves
/// this machine's softphones, so it is a warning, given only when the host has an address phones could use instead.
/// </summary>
internal static class PhoneAudioCheck
{
    public static IReadOnlyList<SettingProblem> Check(IReadOnlyList<SipListener> listeners, IPAddress mediaAddress, PrimaryAddressChoice host)
    {
        if (!IPAddress.IsLoopback(mediaAddress))
            return [];
        var outward = listeners.Where(l => !IsWildcard(l.EndPoint.Address) && !IPAddress.IsLoopback(l.EndPoint.Address)).ToList();
        if (outward.Count > 0)
        {
            return [new SettingProblem(true,
                $"Media:Address is {mediaAddress} (loopback) but SIP listens on {Describe(outward)}: phones there would ring and hear nothing. " +
                $"Set Media:Address to an address they reach, such as {outward[0].EndPoint.Address}.")];
        }
        var everywhere = listeners.Where(l => IsWildcard(l.EndPoint.Address)).ToList();
        if (everywhere.Count > 0 && host.Reason != PrimaryAddressReason.LoopbackOnly)
        {
            return [new SettingProblem(false,
                $"Media:Address is {mediaAddress} (loopback) but SIP listens on every interface ({string.Join(", ", everywhere.Select(l => l.Key).Distinct())}): " +
                $"phones on other machines register and ring but hear no audio. Set Media:Address to {host.Address} (or leave it unset) unless only this machine's phones are used.")];
        }
        return [];
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static string Describe(IEnumerable<SipListener> listeners) => string.Join(", ", listeners.Select(l => $"{l.EndPoint} ({l.Key})"));
}
