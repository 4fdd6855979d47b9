using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Hosting;

namespace Pbx.EdgeSip.Transport.Tls;

/// <summary>
/// The certificate TLS handshakes present. Started by the transports when a TLS listener is configured: loads the configured
/// files, or generates a self-signed certificate on the first start; then compares the files' bytes with what was loaded
/// every <see cref="SipCertificateOptions.CheckInterval"/>: a poll rather than a file watcher, because it sees a change
/// however the files were replaced (rewritten, renamed over, a symlink swapped as in certbot's live/ folder, a network
/// mount where inotify is silent) for two small reads per interval. A changed certificate serves new connections; open
/// ones keep the one they shook hands with. A file that does not load keeps the old certificate.
/// </summary>
internal sealed partial class SipCertificateStore : IDisposable
{
    private readonly SipCertificateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SipCertificateStore> _logger;
    private readonly Lock _reloading = new();
    private SipCertificateFiles? _files;
    private volatile SipCertificate? _current;
    private ITimer? _timer;

    public SipCertificateStore(IOptions<SipOptions> options, TimeProvider time, ILogger<SipCertificateStore> logger)
    {
        _options = options.Value.Certificate;
        _time = time;
        _logger = logger;
    }

    /// <summary>The certificate for the next handshake.</summary>
    public SipCertificate Current => _current ?? throw new InvalidOperationException("the SIP TLS certificate is read when a TLS listener starts; none has");

    /// <summary>Loads (or first generates) the certificate; throws <see cref="SipCertificateException"/> naming the key when it cannot.</summary>
    public void Start()
    {
        var files = SipCertificateFiles.From(_options);
        if (files.Generated && !File.Exists(files.CertificatePath))
        {
            SelfSignedSipCertificate.Write(files, _time.GetUtcNow());
            LogGenerated(files.CertificatePath);
        }
        var (certificate, key, hash) = SipCertificateLoader.Read(files);
        _files = files;
        Use(SipCertificateLoader.Load(files, certificate, key, hash), files);
        _timer = _time.CreateTimer(_ => Reload(), null, _options.CheckInterval, _options.CheckInterval);
    }

    /// <summary>Loads the files again when their bytes changed; true when a new certificate is now in use.</summary>
    internal bool Reload()
    {
        lock (_reloading)
        {
            if (_files is not { } files || _current is not { } current)
                return false;
            try
            {
                var (certificate, key, hash) = SipCertificateLoader.Read(files);
                if (hash == current.FilesHash)
                    return false;
                Use(SipCertificateLoader.Load(files, certificate, key, hash), files);
                return true;
            }
            catch (SipCertificateException e)
            {
                // Often a renewal caught between writing the certificate and its key: the next check sees both.
                LogReloadFailed(e.Message, current.Fingerprint);
                return false;
            }
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Use(SipCertificate certificate, SipCertificateFiles files)
    {
        _current = certificate;
        var leaf = certificate.Leaf;
        LogInUse(leaf.Subject, certificate.Fingerprint, leaf.NotAfter.ToUniversalTime(), files.CertificatePath, files.Generated ? "self-signed, generated" : "configured");
        if (leaf.NotAfter.ToUniversalTime() < _time.GetUtcNow().UtcDateTime)
            LogExpired(files.CertificatePath, leaf.NotAfter.ToUniversalTime());
    }
}
