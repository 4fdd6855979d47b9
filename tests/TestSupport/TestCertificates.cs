using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pbx.TestSupport;

/// <summary>Certificates an administrator would bring: a leaf and its chain from a CA (as fullchain.pem and privkey.pem, or a PFX).</summary>
public static class TestCertificates
{
    /// <summary>
    /// A leaf for <paramref name="name"/> signed by an intermediate CA under a root CA, as a public CA issues it: the leaf
    /// with its key, and the intermediate that must be sent with it (the root is the phone's to know).
    /// </summary>
    public static (X509Certificate2 Leaf, X509Certificate2 Intermediate) SignedByAuthority(string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN=Test root for {name}", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest($"CN=Test intermediate for {name}", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var intermediateOnly = intermediateRequest.Create(root, now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(8));
        using var intermediate = intermediateOnly.CopyWithPrivateKey(intermediateKey);
        var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={name}", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        using var leafOnly = leafRequest.Create(intermediate, now.AddDays(-1), now.AddMonths(3), RandomNumberGenerator.GetBytes(8));
        return (leafOnly.CopyWithPrivateKey(leafKey), X509CertificateLoader.LoadCertificate(intermediateOnly.RawData));
    }

    /// <summary>Writes <paramref name="leaf"/> and <paramref name="intermediate"/> as a PEM chain (fullchain.pem), and the key to its own file.</summary>
    public static void WritePem(X509Certificate2 leaf, X509Certificate2 intermediate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, leaf.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, leaf.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }
}
