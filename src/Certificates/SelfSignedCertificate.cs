using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pbx.Certificates;

/// <summary>
/// The certificate a PBX with none configured makes for itself at its first start: the machine's name and addresses as
/// subject alternative names, so a phone or browser that checks the name against the address it dialled finds it
/// (RFC 5922 7.1, RFC 6125).
/// </summary>
internal static class SelfSignedCertificate
{
    // Long enough that an installation never sees it expire unnoticed; phones that trust it trust this exact certificate
    // (its fingerprint), not a CA, so there is no renewal to automate. Apple's systems refuse a server certificate valid for more
    // than 825 days even once trusted by hand: README "HTTPS for the console and API" says to give HTTPS its own there.
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(3650);

    /// <summary>A certificate for <paramref name="name"/> and <paramref name="addresses"/>, as PEM certificate and PKCS#8 key.</summary>
    public static (string CertificatePem, string KeyPem) Create(string name, IEnumerable<IPAddress> addresses, DateTimeOffset now)
    {
        // RSA rather than ECDSA: older desk phones' TLS stacks offer only RSA signature suites.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddDnsName("localhost");
        foreach (var address in addresses)
            names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        // Server and client authentication: the PBX answers phones and may one day connect to a TLS trunk with it.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now + Lifetime);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Writes a new certificate for this machine to <paramref name="files"/>: the key readable by the PBX's user alone, each
    /// file written beside its place and renamed into it, so a crash never leaves half a file to load.
    /// </summary>
    public static void Write(CertificateFiles files, DateTimeOffset now)
    {
        var (certificatePem, keyPem) = Create(Environment.MachineName, MachineAddresses(), now);
        Directory.CreateDirectory(Path.GetDirectoryName(files.CertificatePath)!);
        WriteReplacing(files.KeyPath!, keyPem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteReplacing(files.CertificatePath, certificatePem, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Every unicast address of the interfaces that are up, loopback included (a phone on this machine dials 127.0.0.1).</summary>
    public static IReadOnlyList<IPAddress> MachineAddresses()
    {
        var addresses = new List<IPAddress>();
        foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (network.OperationalStatus != OperationalStatus.Up && network.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                continue;
            foreach (var unicast in network.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                // A link-local IPv6 address needs its zone to be dialled, which no certificate can name.
                if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv6LinkLocal)
                    continue;
                if (!addresses.Contains(address))
                    addresses.Add(address);
            }
        }
        if (!addresses.Contains(IPAddress.Loopback))
            addresses.Add(IPAddress.Loopback);
        return addresses;
    }

    private static void WriteReplacing(string path, string text, UnixFileMode mode)
    {
        var temporary = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        File.Delete(temporary);
        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
            writer.Write(text);
        File.Move(temporary, path, overwrite: true);
    }
}
