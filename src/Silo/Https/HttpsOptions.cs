using Pbx.Certificates;

namespace Pbx.Silo.Https;

/// <summary>
/// The "Https" section: what the web server's <c>https://</c> addresses (in <c>Urls</c>) present, and whether plain HTTP is
/// sent to them. Listening itself is <c>Urls</c>' business, as for HTTP.
/// </summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    public const string CertificateSection = "Https:Certificate";

    /// <summary>
    /// HTTPS's own certificate. Without a <see cref="CertificateOptions.Path"/>, HTTPS presents the machine's certificate of
    /// "Sip:Certificate" (configured, or the one generated there), so a browser and a phone trust one certificate, one fingerprint.
    /// </summary>
    public CertificateOptions Certificate { get; set; } = new();

    /// <summary>Answer plain HTTP requests with a redirect to HTTPS (307; metrics and health probes excepted).</summary>
    public bool RedirectHttp { get; set; }

    /// <summary>Strict-Transport-Security max-age on HTTPS responses (RFC 6797); zero sends none.</summary>
    public TimeSpan HstsMaxAge { get; set; }

    /// <summary>HTTPS has a certificate of its own rather than the SIP one.</summary>
    public bool HasOwnCertificate => !string.IsNullOrWhiteSpace(Certificate.Path);
}
