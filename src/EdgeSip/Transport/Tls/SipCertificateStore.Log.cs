using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Transport.Tls;

internal sealed partial class SipCertificateStore
{
    [LoggerMessage(3210, LogLevel.Warning, "SIP TLS: no certificate configured (Sip:Certificate:Path), so a self-signed one was generated at {Path}; phones must be told to trust it (its fingerprint follows)")]
    private partial void LogGenerated(string path);

    [LoggerMessage(3211, LogLevel.Information, "SIP TLS certificate {Subject}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:u}, from {Path} ({Origin})")]
    private partial void LogInUse(string subject, string fingerprint, DateTime notAfter, string path, string origin);

    [LoggerMessage(3212, LogLevel.Warning, "SIP TLS certificate not reloaded, still using {Fingerprint}: {Reason}")]
    private partial void LogReloadFailed(string reason, string fingerprint);

    [LoggerMessage(3213, LogLevel.Warning, "SIP TLS certificate {Path} expired at {NotAfter:u}: phones that check it will refuse to connect")]
    private partial void LogExpired(string path, DateTime notAfter);
}
