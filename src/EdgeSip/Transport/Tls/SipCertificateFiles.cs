namespace Pbx.EdgeSip.Transport.Tls;

/// <summary>The files the TLS certificate is read from: the configured ones, or the generated pair under the directory.</summary>
/// <param name="CertificatePath">PEM certificate (chain and key may follow) or PFX.</param>
/// <param name="KeyPath">PEM key file, or null when the key is in <paramref name="CertificatePath"/>.</param>
/// <param name="Password">PFX or encrypted PEM key password.</param>
/// <param name="Generated">The files are the PBX's own self-signed certificate.</param>
internal sealed record SipCertificateFiles(string CertificatePath, string? KeyPath, string? Password, bool Generated)
{
    /// <summary>File names of the generated certificate and key in <see cref="SipCertificateOptions.Directory"/>.</summary>
    public const string GeneratedCertificate = "sip-tls.crt";
    public const string GeneratedKey = "sip-tls.key";

    public static SipCertificateFiles From(SipCertificateOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            var key = string.IsNullOrWhiteSpace(options.KeyPath) ? null : Path.GetFullPath(options.KeyPath, AppContext.BaseDirectory);
            return new(Path.GetFullPath(options.Path, AppContext.BaseDirectory), key, options.Password, Generated: false);
        }
        var directory = options.DirectoryPath;
        return new(Path.Combine(directory, GeneratedCertificate), Path.Combine(directory, GeneratedKey), null, Generated: true);
    }

    /// <summary>The configuration key that names <paramref name="path"/>, for messages an administrator acts on.</summary>
    public string KeyNaming(string path) => Generated
        ? "Sip:Certificate:Directory"
        : path == KeyPath ? "Sip:Certificate:KeyPath" : "Sip:Certificate:Path";
}
