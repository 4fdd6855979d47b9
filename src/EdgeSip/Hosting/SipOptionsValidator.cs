using System.Net;
using Microsoft.Extensions.Options;
using Pbx.Certificates;

namespace Pbx.EdgeSip.Hosting;

/// <summary>Start-up check of <see cref="SipOptions"/>; each failure names the configuration key and what is allowed.</summary>
internal sealed class SipOptionsValidator : IValidateOptions<SipOptions>
{
    public ValidateOptionsResult Validate(string? name, SipOptions options)
    {
        var failures = new List<string>();
        CheckEndPoints(options.Udp, "Udp", failures);
        CheckEndPoints(options.Tcp, "Tcp", failures);
        CheckEndPoints(options.WebSocket, "WebSocket", failures);
        for (var i = 0; i < options.Tls.Count; i++)
        {
            if (!SipOptions.TryParseTls(options.Tls[i], out var endPoint) || endPoint.Port is < 0 or > 65535)
                failures.Add($"Sip:Tls:{i} is '{options.Tls[i]}'; allowed: an IP address and port as host:port, IPv6 as [addr]:port, or an address alone for port {SipOptions.DefaultTlsPort} (e.g. 0.0.0.0:5061, [::]).");
        }
        failures.AddRange(options.Certificate.Problems(SipOptions.CertificateSection));
        if (string.IsNullOrWhiteSpace(options.Realm))
            failures.Add("Sip:Realm must not be empty.");
        if (string.IsNullOrWhiteSpace(options.UserAgent))
            failures.Add("Sip:UserAgent must not be empty.");
        var timers = options.Timers;
        if (timers.T1 <= TimeSpan.Zero || timers.T1 > TimeSpan.FromMinutes(1))
            failures.Add($"Sip:Timers:T1 is {timers.T1}; allowed: more than 0 and at most 00:01:00 (RFC 3261 default 00:00:00.5).");
        if (timers.T2 < timers.T1)
            failures.Add($"Sip:Timers:T2 is {timers.T2}; allowed: at least T1 ({timers.T1}) (RFC 3261 default 00:00:04).");
        if (timers.T4 <= TimeSpan.Zero)
            failures.Add($"Sip:Timers:T4 is {timers.T4}; allowed: more than 0 (RFC 3261 default 00:00:05).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEndPoints(List<string> values, string key, List<string> failures)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!IPEndPoint.TryParse(values[i], out var endPoint) || endPoint.Port is < 0 or > 65535 || !values[i].Contains(':', StringComparison.Ordinal))
                failures.Add($"Sip:{key}:{i} is '{values[i]}'; allowed: an IP address and port as host:port, IPv6 as [addr]:port (e.g. 0.0.0.0:5060, [::]:5060).");
        }
    }
}
