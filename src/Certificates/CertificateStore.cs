using Microsoft.Extensions.Logging;

namespace Pbx.Certificates;

/// <summary>
/// The certificate TLS handshakes present, for every listener given this store (SIP over TLS, HTTPS). <see cref="Start"/>
/// loads the configured files, or generates a self-signed certificate on the first start; then the files' bytes are
/// compared with what was loaded every <see cref="CertificateOptions.CheckInterval"/>: a poll rather than a file watcher,
/// because it sees a change however the files were replaced (rewritten, renamed over, a symlink swapped as in certbot's
/// live/ folder, a network mount where inotify is silent) for two small reads per interval. A changed certificate serves
/// new connections; open ones keep the one they shook hands with. A file that does not load keeps the old certificate.
/// </summary>
public sealed partial class CertificateStore : IDisposable
{
    private readonly CertificateOptions _options;
    private readonly string _section;
    private readonly TimeProvider _time;
    private readonly ILogger<CertificateStore> _logger;
    private readonly Lock _reloading = new();
    private CertificateFiles? _files;
    private volatile TlsCertificate? _current;
    private ITimer? _timer;

    /// <param name="options">The bound section.</param>
    /// <param name="section">Its configuration path ("Sip:Certificate"), which messages name for the administrator to fix.</param>
    public CertificateStore(CertificateOptions options, string section, TimeProvider time, ILogger<CertificateStore> logger)
    {
        _options = options;
        _section = section;
        _time = time;
        _logger = logger;
    }

    /// <summary>The certificate for the next handshake.</summary>
    public TlsCertificate Current => _current ?? throw new InvalidOperationException($"the {_section} certificate is read when a TLS listener starts; none has");

    /// <summary>
    /// Loads (or first generates) the certificate unless an earlier listener did; throws <see cref="CertificateException"/>
    /// naming the key when it cannot. Every listener calls it before it binds, so a bad file stops start-up.
    /// </summary>
    public void Start()
    {
        lock (_reloading)
        {
            if (_files is not null)
                return;
            var files = CertificateFiles.From(_options, _section);
            if (files.Generated && !File.Exists(files.CertificatePath))
            {
                SelfSignedCertificate.Write(files, _time.GetUtcNow());
                LogGenerated(_section, files.CertificatePath);
            }
            var (certificate, key, hash) = CertificateLoader.Read(files);
            Use(CertificateLoader.Load(files, certificate, key, hash), files);
            _files = files;
            _timer = _time.CreateTimer(_ => Reload(), null, _options.CheckInterval, _options.CheckInterval);
        }
    }

    /// <summary>Loads the files again when their bytes changed (what the periodic check does); true when a new certificate is now in use.</summary>
    public bool Reload()
    {
        lock (_reloading)
        {
            if (_files is not { } files || _current is not { } current)
                return false;
            try
            {
                var (certificate, key, hash) = CertificateLoader.Read(files);
                if (hash == current.FilesHash)
                    return false;
                Use(CertificateLoader.Load(files, certificate, key, hash), files);
                return true;
            }
            catch (CertificateException e)
            {
                // Often a renewal caught between writing the certificate and its key: the next check sees both.
                LogReloadFailed(_section, e.Message, current.Fingerprint);
                return false;
            }
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void Use(TlsCertificate certificate, CertificateFiles files)
    {
        _current = certificate;
        var leaf = certificate.Leaf;
        LogInUse(leaf.Subject, certificate.Fingerprint, leaf.NotAfter.ToUniversalTime(), files.CertificatePath, files.Generated ? "self-signed, generated" : "configured", _section);
        if (leaf.NotAfter.ToUniversalTime() < _time.GetUtcNow().UtcDateTime)
            LogExpired(files.CertificatePath, leaf.NotAfter.ToUniversalTime());
    }
}
