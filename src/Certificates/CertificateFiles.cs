namespace Pbx.Certificates;

/// <summary>The files the TLS certificate is read from: the configured ones, or the generated pair under the directory.</summary>
/// <param name="CertificatePath">PEM certificate (chain and key may follow) or PFX.</param>
/// <param name="KeyPath">PEM key file, or null when the key is in <paramref name="CertificatePath"/>.</param>
/// <param name="Password">PFX or encrypted PEM key password.</param>
/// <param name="Generated">The files are the PBX's own self-signed certificate.</param>
/// <param name="Section">The configuration section they come from ("Sip:Certificate"), for messages.</param>
internal sealed record CertificateFiles(string CertificatePath, string? KeyPath, string? Password, bool Generated, string Section)
{
    /// <summary>
    /// File names of the generated certificate and key in <see cref="CertificateOptions.Directory"/>: named when only SIP
    /// used them, and kept so, since a new name would mean a new certificate that phones and browsers trust no more.
    /// </summary>
    public const string GeneratedCertificate = "sip-tls.crt";
    public const string GeneratedKey = "sip-tls.key";

    public static CertificateFiles From(CertificateOptions options, string section)
    {
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            var key = string.IsNullOrWhiteSpace(options.KeyPath) ? null : Path.GetFullPath(options.KeyPath, AppContext.BaseDirectory);
            return new(Path.GetFullPath(options.Path, AppContext.BaseDirectory), key, options.Password, Generated: false, section);
        }
        var directory = options.DirectoryPath;
        return new(Path.Combine(directory, GeneratedCertificate), Path.Combine(directory, GeneratedKey), null, Generated: true, section);
    }

    /// <summary>The configuration key that names <paramref name="path"/>, for messages an administrator acts on.</summary>
    public string KeyNaming(string path) => Generated
        ? $"{Section}:Directory"
        : path == KeyPath ? $"{Section}:KeyPath" : $"{Section}:Path";
}
