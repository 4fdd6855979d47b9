namespace Pbx.Certificates;

/// <summary>
/// A certificate section ("Sip:Certificate", "Https:Certificate"): the certificate TLS listeners present. Configured files (PEM certificate and key, or one PFX), or
/// else a self-signed certificate generated once under <see cref="Directory"/>. The files are checked every
/// <see cref="CheckInterval"/> and a changed certificate is used for new connections.
/// </summary>
public sealed class CertificateOptions
{
    /// <summary>The PEM certificate (its chain may follow it in the same file; the key too) or a PFX/PKCS#12 file; empty = generated.</summary>
    public string? Path { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="Path"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PFX password, or the password of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>Where the generated certificate is kept (relative to the binary's folder), so phones and browsers that trust it keep trusting it after a restart.</summary>
    public string Directory { get; set; } = "certs";

    /// <summary>How often the files are compared with what was loaded.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with these settings, each message naming its key under <paramref name="section"/>; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems(string section)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path) && !string.IsNullOrWhiteSpace(KeyPath))
            problems.Add($"{section}:KeyPath is set without {section}:Path; set both (PEM certificate and key) or neither (a self-signed certificate is generated).");
        if (string.IsNullOrWhiteSpace(Directory))
            problems.Add($"{section}:Directory is empty; it must name the folder for the generated certificate (default: certs).");
        if (CheckInterval < TimeSpan.FromSeconds(1) || CheckInterval > TimeSpan.FromDays(1))
            problems.Add($"{section}:CheckInterval is {CheckInterval}; allowed: 00:00:01 to 1.00:00:00 (default 00:00:30).");
        return problems;
    }

    /// <summary><see cref="Directory"/> as a full path.</summary>
    public string DirectoryPath => System.IO.Path.GetFullPath(Directory, AppContext.BaseDirectory);
}
