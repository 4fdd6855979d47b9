using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pbx.Certificates;

/// <summary>
/// Reads a certificate with its private key from PEM or PFX files. The bytes are read once and both hashed and parsed, so
/// the hash always describes what was loaded, even when the files change in between.
/// </summary>
internal static class CertificateLoader
{
    /// <summary>The files' bytes and their hash; throws <see cref="CertificateException"/> naming the key when one cannot be read.</summary>
    public static (byte[] Certificate, byte[]? Key, string Hash) Read(CertificateFiles files)
    {
        var certificate = ReadFile(files, files.CertificatePath);
        var key = files.KeyPath is null ? null : ReadFile(files, files.KeyPath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(certificate);
        if (key is not null)
            hash.AppendData(key);
        return (certificate, key, Convert.ToHexString(hash.GetHashAndReset()));
    }

    /// <summary>Parses what <see cref="Read"/> returned: PEM when the certificate file is text with a PEM label, PFX otherwise.</summary>
    public static TlsCertificate Load(CertificateFiles files, byte[] certificate, byte[]? key, string hash)
    {
        var pem = IsPem(certificate);
        try
        {
            var (leaf, chain) = pem ? FromPem(files, certificate, key) : FromPfx(files, certificate);
            if (!leaf.HasPrivateKey)
                throw new CertificateException($"{files.KeyNaming(files.CertificatePath)}: {files.CertificatePath} holds no private key for its certificate; set {files.Section}:KeyPath to the key file.");
            return new TlsCertificate(leaf, chain, hash);
        }
        catch (CryptographicException e)
        {
            var password = pem ? "" : $"; a PFX also fails so when {files.Section}:Password is wrong";
            throw new CertificateException($"{files.KeyNaming(files.CertificatePath)}: {files.CertificatePath} is not a usable certificate and key ({e.Message}){password}.", e);
        }
        catch (ArgumentException e)
        {
            // CreateFromPem throws this when the text has no certificate or no key PEM block.
            throw new CertificateException($"{files.KeyNaming(files.CertificatePath)}: {files.CertificatePath}{(files.KeyPath is null ? "" : $" with {files.KeyPath}")} holds no PEM certificate and key ({e.Message}).", e);
        }
    }

    private static (X509Certificate2 Leaf, X509Certificate2Collection Chain) FromPem(CertificateFiles files, byte[] certificate, byte[]? key)
    {
        var certificatePem = Encoding.ASCII.GetString(certificate);
        // The key may sit in the certificate file (as HAProxy and many ACME clients write it).
        var keyPem = key is null ? certificatePem : Encoding.ASCII.GetString(key);
        var leaf = string.IsNullOrEmpty(files.Password)
            ? X509Certificate2.CreateFromPem(certificatePem, keyPem)
            : X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, files.Password);
        var all = new X509Certificate2Collection();
        all.ImportFromPem(certificatePem);
        var chain = new X509Certificate2Collection();
        // The first certificate is the leaf; the ones after it are its intermediates (fullchain.pem).
        for (var i = 1; i < all.Count; i++)
            chain.Add(all[i]);
        return (leaf, chain);
    }

    private static (X509Certificate2 Leaf, X509Certificate2Collection Chain) FromPfx(CertificateFiles files, byte[] certificate)
    {
        var all = X509CertificateLoader.LoadPkcs12Collection(certificate, files.Password);
        X509Certificate2? leaf = null;
        var chain = new X509Certificate2Collection();
        foreach (var candidate in all)
        {
            if (leaf is null && candidate.HasPrivateKey)
                leaf = candidate;
            else
                chain.Add(candidate);
        }
        return (leaf ?? throw new CertificateException($"{files.Section}:Path: {files.CertificatePath} holds no certificate with a private key."), chain);
    }

    private static bool IsPem(byte[] bytes) => bytes.AsSpan().IndexOf("-----BEGIN "u8) >= 0;

    private static byte[] ReadFile(CertificateFiles files, string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException($"{files.KeyNaming(path)}: cannot read {path} ({e.Message}).", e);
        }
    }
}
