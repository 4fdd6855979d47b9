using System.Net;

namespace Pbx.EdgeSip.Security;

/// <summary>
/// Protection of the SIP edge against floods and scanners, section <c>Sip:Flood</c>: a source address that sends more than
/// <see cref="RequestsPerWindow"/> requests within <see cref="Window"/> is ignored for <see cref="BanDuration"/> (as
/// Kamailio's pike module does), and requests from known scanners are dropped unanswered.
/// </summary>
public sealed class SipFloodOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sip:Flood";

    /// <summary>Whether the request-rate limit applies (scanner agents are dropped either way when listed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests (retransmissions included) one address may send within <see cref="Window"/> (10 to 1,000,000). The default,
    /// 2,000 per 2 s, lets an office of several hundred phones behind one NAT address re-register all at once after a
    /// power cut; a flood (thousands per second) is cut off within a fraction of a second.
    /// </summary>
    public int RequestsPerWindow { get; set; } = 2000;

    /// <summary>The counting window (100 ms to 1 minute).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an address over the limit is ignored (1 s to 1 day).</summary>
    public TimeSpan BanDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Networks never limited, in CIDR notation (<c>192.168.10.0/24</c>): a session border controller or proxy in front of the
    /// PBX, a load generator. The default trusts this machine's own 127.0.0.1 and ::1 only, not all of 127.0.0.0/8.
    /// </summary>
    public List<string> TrustedSources { get; set; } = ["127.0.0.1/32", "::1/128"];

    /// <summary>
    /// User-Agent patterns (<c>*</c> for any run of characters, case-insensitive) of scanners and attack tools, whose
    /// requests are dropped without an answer so a scan finds nothing here. The defaults are the agents such tools send.
    /// </summary>
    public List<string> ScannerUserAgents { get; set; } =
        ["friendly-scanner*", "sipvicious*", "*sipcli*", "sip-scan*", "sundayddr*", "iWar*", "SIVuS*", "smap*"];

    /// <summary>Source addresses tracked at once (power of two, 256 to 16,777,216); when full, the quietest are forgotten first.</summary>
    public int TrackedAddresses { get; set; } = 1 << 16;

    /// <summary>Every invalid setting, each naming its configuration key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RequestsPerWindow is < 10 or > 1_000_000)
            errors.Add($"{SectionName}:{nameof(RequestsPerWindow)} is {RequestsPerWindow}; it must be between 10 and 1000000.");
        if (Window < TimeSpan.FromMilliseconds(100) || Window > TimeSpan.FromMinutes(1))
            errors.Add($"{SectionName}:{nameof(Window)} is {Window}; it must be between 00:00:00.1 and 00:01:00.");
        if (BanDuration < TimeSpan.FromSeconds(1) || BanDuration > TimeSpan.FromDays(1))
            errors.Add($"{SectionName}:{nameof(BanDuration)} is {BanDuration}; it must be between 00:00:01 and 1.00:00:00.");
        if (TrackedAddresses is < 256 or > 1 << 24 || (TrackedAddresses & (TrackedAddresses - 1)) != 0)
            errors.Add($"{SectionName}:{nameof(TrackedAddresses)} is {TrackedAddresses}; it must be a power of two between 256 and 16777216.");
        for (var i = 0; i < TrustedSources.Count; i++)
        {
            if (!IPNetwork.TryParse(TrustedSources[i], out _))
                errors.Add($"{SectionName}:{nameof(TrustedSources)}:{i} is \"{TrustedSources[i]}\"; it must be a network in CIDR notation such as 192.168.10.0/24.");
        }
        for (var i = 0; i < ScannerUserAgents.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ScannerUserAgents[i]) || ScannerUserAgents[i].Length > 200)
                errors.Add($"{SectionName}:{nameof(ScannerUserAgents)}:{i} is \"{ScannerUserAgents[i]}\"; it must be 1 to 200 characters.");
        }
        return errors;
    }
}
