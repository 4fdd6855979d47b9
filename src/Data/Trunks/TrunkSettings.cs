using Pbx.Grains.Trunks;

namespace Pbx.Data.Trunks;

/// <summary>What call control needs of one enabled trunk to send a call to it or read a call from it.</summary>
/// <param name="Id">The trunk id.</param>
/// <param name="Host">The carrier host: domain of the URIs we send, and where requests go.</param>
/// <param name="Port">The carrier's SIP port.</param>
/// <param name="Transport">"udp" or "tcp".</param>
/// <param name="MaxCalls">Concurrent calls the trunk carries; one more is refused or goes to the next trunk.</param>
/// <param name="DefaultCallerId">Number presented when the extension has no outbound number; null presents the extension.</param>
/// <param name="Privacy">Withhold the caller's identity on this trunk (RFC 3323).</param>
/// <param name="Plan">How numbers are written in the trunk's country and by its carrier.</param>
/// <param name="Codecs">Encoding names the trunk allows, most preferred first (the call grain holds SDP to them).</param>
public sealed record TrunkSettings(string Id, string Host, int Port, string Transport, int MaxCalls, string? DefaultCallerId, bool Privacy, NumberPlan Plan,
    IReadOnlyList<string> Codecs);
