using System.Globalization;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>Reads and writes the session timer headers of RFC 4028 section 4 (Session-Expires, compact "x"; Min-SE; "timer" in Supported).</summary>
internal static class SipSessionTimerHeaders
{
    private const string SessionExpires = "Session-Expires";
    private const string MinSe = "Min-SE";
    private const string Timer = "timer";

    /// <summary>The message's session timer headers, or null when it has none of them.</summary>
    public static SessionTimer? Read(SipMessage message)
    {
        int? expires = null;
        string? refresher = null;
        if ((message.Get(SessionExpires) ?? message.Get("x")) is { } value)
        {
            // RFC 4028 section 4: Session-Expires = delta-seconds *(SEMI se-params), se-params including refresher=uac/uas.
            var parts = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                expires = seconds;
            foreach (var parameter in parts.Skip(1))
            {
                if (parameter.StartsWith("refresher=", StringComparison.OrdinalIgnoreCase))
                    refresher = parameter["refresher=".Length..].ToLowerInvariant();
            }
        }
        int? minExpires = int.TryParse(message.Get(MinSe)?.Split(';')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var min) ? min : null;
        var supported = message.GetAll(SipHeaderId.Supported).Any(line =>
            line.Split(',', StringSplitOptions.TrimEntries).Contains(Timer, StringComparer.OrdinalIgnoreCase));
        return expires is null && minExpires is null && !supported ? null : new SessionTimer(expires, refresher, minExpires, supported);
    }

    /// <summary>
    /// Puts <paramref name="timer"/> on a message the edge sends. On a response whose refresher is the UAC, "Require: timer"
    /// tells the UAC it must refresh (RFC 4028 section 9).
    /// </summary>
    public static void Write(SipMessage message, SessionTimer? timer, bool response)
    {
        if (timer is null)
            return;
        if (timer.Supported)
            message.Add(SipHeaderId.Supported, Timer);
        if (timer.Expires is { } expires)
        {
            var text = expires.ToString(CultureInfo.InvariantCulture);
            message.Add(SessionExpires, timer.Refresher is { } refresher ? $"{text};refresher={refresher}" : text);
            if (response && timer.Refresher == SessionTimer.Uac)
                message.Add(SipHeaderId.Require, Timer);
        }
        if (timer.MinExpires is { } min)
            message.Add(MinSe, min.ToString(CultureInfo.InvariantCulture));
    }
}
