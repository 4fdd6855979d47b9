using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pbx.Certificates;

/// <summary>A loaded certificate: what SslStream presents (leaf and chain), and the hash of the file bytes it came from.</summary>
public sealed class TlsCertificate(X509Certificate2 leaf, X509Certificate2Collection chain, string filesHash)
{
    /// <summary>
    /// Leaf and intermediates, built once per certificate and shared by every handshake. Offline: the chain sent is what
    /// the files hold, with no download of missing intermediates while a listener starts.
    /// </summary>
    public SslStreamCertificateContext Context { get; } = SslStreamCertificateContext.Create(leaf, chain, offline: true);

    public X509Certificate2 Leaf => leaf;

    /// <summary>SHA-256 of the files' bytes, to notice a changed file without parsing it again.</summary>
    public string FilesHash => filesHash;

    /// <summary>The certificate's SHA-256 fingerprint as phones and browsers show it: "AB:CD:...".</summary>
    public string Fingerprint => string.Join(':', Convert.ToHexString(leaf.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)));
}
