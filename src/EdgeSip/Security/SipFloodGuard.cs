using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Extensions;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Security;

/// <summary>Why a request was dropped before the edge served it (<see cref="SipFloodGuard.Admit"/>).</summary>
public enum SipDropReason
{
    /// <summary>Served.</summary>
    None,

    /// <summary>The source sent too many requests and is banned for a while.</summary>
    Flood,

    /// <summary>The User-Agent is a known scanner or attack tool.</summary>
    Scanner,
}

/// <summary>
/// The first check of every request the edge receives, before parsing goes further or any grain is asked: requests from a
/// banned source or a known scanner are dropped unanswered (an answer would only confirm a PBX lives here and cost a send
/// per flood packet). Counting per source address is bounded in memory (<see cref="SourceWindowTable"/>).
/// </summary>
public sealed partial class SipFloodGuard
{
    private readonly SipFloodOptions _options;
    private readonly LockoutOptions _policy;
    private readonly IPNetwork[] _trusted;
    private readonly SourceWindowTable _table;
    private readonly TimeProvider _time;
    private readonly ILogger<SipFloodGuard> _logger;
    private readonly ITrunkDirectory? _trunks;

    /// <summary>A guard for the options' limits, with no source counted yet.</summary>
    /// <param name="trunks">The carriers' sources, never banned: a busy trunk is not a flood (absent where no trunk is served).</param>
    public SipFloodGuard(IOptions<SipFloodOptions> options, TimeProvider time, ILogger<SipFloodGuard> logger, ITrunkDirectory? trunks = null)
    {
        _trunks = trunks;
        _options = options.Value;
        _time = time;
        _logger = logger;
        // The lockout arithmetic counts "failures"; here every request is one.
        _policy = new LockoutOptions { MaxFailures = _options.RequestsPerWindow, Window = _options.Window, LockoutDuration = _options.BanDuration };
        _trusted = [.. _options.TrustedSources.Select(n => IPNetwork.Parse(n))];
        _table = new SourceWindowTable(_options.TrackedAddresses);
    }

    /// <summary>Whether the edge serves a request from <paramref name="source"/> sent by <paramref name="userAgent"/> (empty when absent).</summary>
    public SipDropReason Admit(IPEndPoint source, ReadOnlySpan<char> userAgent)
    {
        if (!userAgent.IsEmpty && WildcardPattern.MatchesAny(_options.ScannerUserAgents, userAgent))
            return SipDropReason.Scanner;
        var address = source.Address;
        if (!_options.Enabled || IsTrusted(address))
            return SipDropReason.None;
        if (!_table.Record(address, _time.GetUtcNow(), _policy, out var engaged) || _trunks?.IsKnownSource(address, source.Port) == true)
            return SipDropReason.None;
        if (engaged)
            LogBanned(address, _options.RequestsPerWindow, _options.Window, _options.BanDuration);
        return SipDropReason.Flood;
    }

    private bool IsTrusted(IPAddress source)
    {
        if (source.IsIPv4MappedToIPv6)
            source = source.MapToIPv4();
        foreach (var network in _trusted)
        {
            if (network.Contains(source))
                return true;
        }
        return false;
    }

    // Security events: EventIds 3100-3149 (EdgeSip authentication and abuse). fail2ban reads this line (deploy/fail2ban).
    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning,
        Message = "Security: SIP flood from {Address}: more than {Requests} requests in {Window}; ignored for {BanDuration}")]
    private partial void LogBanned(IPAddress address, int requests, TimeSpan window, TimeSpan banDuration);
}
