namespace Pbx.EdgeSip.Transport.Tls;

/// <summary>
/// "Sip:Certificate": the certificate the TLS listeners present. Configured files (PEM certificate and key, or one PFX), or
/// else a self-signed certificate generated once under <see cref="Directory"/>. The files are checked every
/// <see cref="CheckInterval"/> and a changed certificate is used for new connections.
/// </summary>
public sealed class SipCertificateOptions
{
    /// <summary>The PEM certificate (its chain may follow it in the same file; the key too) or a PFX/PKCS#12 file; empty = generated.</summary>
    public string? Path { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="Path"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PFX password, or the password of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>Where the generated certificate is kept (relative to the binary's folder), so phones that trust it keep trusting it after a restart.</summary>
    public string Directory { get; set; } = "certs";

    /// <summary>How often the files are compared with what was loaded.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="Directory"/> as a full path.</summary>
    public string DirectoryPath => System.IO.Path.GetFullPath(Directory, AppContext.BaseDirectory);
}
