using Microsoft.Extensions.Logging;

namespace Pbx.Certificates;

public sealed partial class CertificateStore
{
    [LoggerMessage(3210, LogLevel.Warning, "TLS: no certificate configured ({Section}:Path), so a self-signed one was generated at {Path}; phones and browsers must be told to trust it (its fingerprint follows)")]
    private partial void LogGenerated(string section, string path);

    [LoggerMessage(3211, LogLevel.Information, "TLS certificate {Subject}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:u}, from {Path} ({Origin}; {Section})")]
    private partial void LogInUse(string subject, string fingerprint, DateTime notAfter, string path, string origin, string section);

    [LoggerMessage(3212, LogLevel.Warning, "TLS certificate of {Section} not reloaded, still using {Fingerprint}: {Reason}")]
    private partial void LogReloadFailed(string section, string reason, string fingerprint);

    [LoggerMessage(3213, LogLevel.Warning, "TLS certificate {Path} expired at {NotAfter:u}: phones and browsers that check it will refuse to connect")]
    private partial void LogExpired(string path, DateTime notAfter);
}
