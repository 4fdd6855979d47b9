using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Pbx.EdgeSip.Tests.Transactions;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Certificates.Tests;

/// <summary>Where the TLS certificate comes from, and when it changes: the rules an administrator relies on.</summary>
public sealed class CertificateStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pbx-certs-");
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Without_a_configured_certificate_one_is_generated_for_this_machine_with_a_private_key_file_and_kept_across_restarts()
    {
        using var first = Store(new CertificateOptions { Directory = _folder.FullName });
        first.Start();

        var generated = first.Current.Leaf;
        generated.Subject.ShouldBe($"CN={Environment.MachineName}");
        var names = generated.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().ShouldContain(Environment.MachineName);
        names.EnumerateIPAddresses().ShouldContain(IPAddress.Loopback);
        names.EnumerateIPAddresses().ShouldContain(SelfSignedCertificate.MachineAddresses().First(a => !IPAddress.IsLoopback(a)));
        var key = Path.Combine(_folder.FullName, CertificateFiles.GeneratedKey);
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        first.Current.Fingerprint.ShouldBe(string.Join(':', Convert.ToHexString(SHA256.HashData(generated.RawData)).Chunk(2).Select(p => new string(p))));

        // Phones trust this exact certificate: a restart must present it again, not a new one.
        using var restarted = Store(new CertificateOptions { Directory = _folder.FullName });
        restarted.Start();
        restarted.Current.Fingerprint.ShouldBe(first.Current.Fingerprint);
    }

    [Fact]
    public void A_PEM_chain_with_its_key_in_another_file_is_presented_with_the_intermediate()
    {
        var (leaf, intermediate) = TestCertificates.SignedByAuthority("pbx.example.com");
        var (certificatePath, keyPath) = (Path.Combine(_folder.FullName, "fullchain.pem"), Path.Combine(_folder.FullName, "privkey.pem"));
        TestCertificates.WritePem(leaf, intermediate, certificatePath, keyPath);

        using var store = Store(new CertificateOptions { Path = certificatePath, KeyPath = keyPath, Directory = _folder.FullName });
        store.Start();

        store.Current.Leaf.Thumbprint.ShouldBe(leaf.Thumbprint);
        store.Current.Context.IntermediateCertificates.ShouldHaveSingleItem().Thumbprint.ShouldBe(intermediate.Thumbprint);
        File.Exists(Path.Combine(_folder.FullName, CertificateFiles.GeneratedCertificate)).ShouldBeFalse("nothing is generated when a certificate is configured");
    }

    [Fact]
    public void A_PEM_file_holding_certificate_and_key_together_needs_no_key_path()
    {
        var (leaf, _) = TestCertificates.SignedByAuthority("pbx.example.com");
        var combined = Path.Combine(_folder.FullName, "pbx.pem");
        File.WriteAllText(combined, leaf.ExportCertificatePem() + "\n" + leaf.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        using var store = Store(new CertificateOptions { Path = combined });
        store.Start();

        store.Current.Leaf.Thumbprint.ShouldBe(leaf.Thumbprint);
    }

    [Fact]
    public void A_PFX_opens_with_its_password_and_a_wrong_password_stops_start_up_naming_the_key()
    {
        var (leaf, _) = TestCertificates.SignedByAuthority("pbx.example.com");
        var pfx = Path.Combine(_folder.FullName, "pbx.pfx");
        File.WriteAllBytes(pfx, leaf.Export(X509ContentType.Pkcs12, "s3cret"));

        using var store = Store(new CertificateOptions { Path = pfx, Password = "s3cret" });
        store.Start();
        store.Current.Leaf.Thumbprint.ShouldBe(leaf.Thumbprint);

        using var wrong = Store(new CertificateOptions { Path = pfx, Password = "guess" });
        var refused = Should.Throw<CertificateException>(wrong.Start);
        refused.Message.ShouldStartWith($"Sip:Certificate:Path: {pfx} is not a usable certificate");
        refused.Message.ShouldContain("Sip:Certificate:Password");
    }

    [Fact]
    public void A_configured_file_that_is_missing_stops_start_up_naming_the_key_and_the_file()
    {
        var missing = Path.Combine(_folder.FullName, "nowhere.pem");
        using var store = Store(new CertificateOptions { Path = missing, KeyPath = missing + ".key" });

        Should.Throw<CertificateException>(store.Start).Message.ShouldStartWith($"Sip:Certificate:Path: cannot read {missing}");
    }

    [Fact]
    public void A_renewed_certificate_is_taken_at_the_next_check_and_a_broken_one_leaves_the_old_one_in_use()
    {
        var (first, intermediate) = TestCertificates.SignedByAuthority("pbx.example.com");
        var (certificatePath, keyPath) = (Path.Combine(_folder.FullName, "fullchain.pem"), Path.Combine(_folder.FullName, "privkey.pem"));
        TestCertificates.WritePem(first, intermediate, certificatePath, keyPath);
        var interval = TimeSpan.FromSeconds(30);
        using var store = Store(new CertificateOptions { Path = certificatePath, KeyPath = keyPath, CheckInterval = interval });
        store.Start();

        _time.Advance(interval);
        store.Current.Leaf.Thumbprint.ShouldBe(first.Thumbprint, "unchanged files are not loaded again");

        // A renewal caught halfway: the new certificate is written, its key not yet. The old pair stays in use.
        var (renewed, renewedIntermediate) = TestCertificates.SignedByAuthority("pbx.example.com");
        File.WriteAllText(certificatePath, renewed.ExportCertificatePem());
        _time.Advance(interval);
        store.Current.Leaf.Thumbprint.ShouldBe(first.Thumbprint);

        TestCertificates.WritePem(renewed, renewedIntermediate, certificatePath, keyPath);
        _time.Advance(interval);
        store.Current.Leaf.Thumbprint.ShouldBe(renewed.Thumbprint);
    }

    [Fact]
    public void A_second_listener_starting_the_store_shares_the_certificate_the_first_one_loaded()
    {
        // SIP over TLS and HTTPS start the same store when HTTPS has no certificate of its own.
        using var store = Store(new CertificateOptions { Directory = _folder.FullName });
        store.Start();
        var first = store.Current;

        store.Start();

        store.Current.ShouldBeSameAs(first);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private CertificateStore Store(CertificateOptions certificate) =>
        new(certificate, "Sip:Certificate", _time, NullLogger<CertificateStore>.Instance);
}
