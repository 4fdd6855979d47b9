using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Auth;
using Pbx.Grains.Extensions;

namespace Pbx.Bench;

/// <summary>
/// Cost of the edge's per-REGISTER authentication work on one core: parse the Authorization value, check the digest,
/// the nonce MAC and the nonce count. The issue's target is 8,000 authenticated REGISTER/s for the whole edge.
/// </summary>
public sealed class SipAuthBench : IBenchSuite
{
    private const string Realm = "pbx";
    private const string Uri = "sip:pbx";

    public string Name => "sipauth";

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var count = options.Quick ? 20_000 : 200_000;
        var digestOptions = Options.Create(new DigestOptions { NonceCountCapacity = 1 << 20 });
        var time = TimeProvider.System;
        var nonces = new DigestNonces(time, digestOptions);
        var authenticator = new DigestAuthenticator(nonces, new NonceCountTable(digestOptions), time, digestOptions);
        var stored = new ExtensionCredentials(Realm, SipCredentialHash.Md5("100", Realm, "pw"), SipCredentialHash.Sha256("100", Realm, "pw"), true, false);
        var rows = new List<BenchRow>();
        foreach (var algorithm in new[] { "SHA-256", "MD5" })
        {
            // Each request uses a fresh nonce count on one of 1,000 nonces, as phones refreshing on a busy edge would.
            var headers = new string[count];
            var issued = new string[1000];
            for (var i = 0; i < issued.Length; i++)
                issued[i] = nonces.Issue();
            for (var i = 0; i < count; i++)
                headers[i] = Authorization(algorithm, issued[i % issued.Length], (uint)(i / issued.Length + 1));

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var valid = 0;
            for (var i = 0; i < count; i++)
            {
                if (DigestCredentials.TryParse(headers[i], out var credentials)
                    && authenticator.Verify(credentials, "REGISTER", Uri, stored) == DigestVerdict.Valid)
                {
                    valid++;
                }
            }
            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (valid != count)
                throw new InvalidOperationException($"{count - valid} of {count} {algorithm} checks failed; the benchmark is broken.");
            var perSecond = count / clock.Elapsed.TotalSeconds;
            rows.Add(new BenchRow(Name, $"parse + verify {algorithm} (1 core)",
                $"{perSecond.ToString("N0", CultureInfo.InvariantCulture)} /s, {(double)allocated / count:0.#} B/op",
                "8,000 REGISTER/s per edge", $"{count:N0} checks, 1,000 nonces"));
        }
        return Task.FromResult<IReadOnlyList<BenchRow>>(rows);
    }

    private static string Authorization(string algorithm, string nonce, uint nc)
    {
        var ha1 = Hash(algorithm, $"100:{Realm}:pw");
        var ha2 = Hash(algorithm, $"REGISTER:{Uri}");
        var ncText = nc.ToString("x8", CultureInfo.InvariantCulture);
        var response = Hash(algorithm, $"{ha1}:{nonce}:{ncText}:abc:auth:{ha2}");
        return $"Digest username=\"100\", realm=\"{Realm}\", nonce=\"{nonce}\", uri=\"{Uri}\", response=\"{response}\", "
            + $"algorithm={algorithm}, qop=auth, nc={ncText}, cnonce=\"abc\"";
    }

    private static string Hash(string algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(algorithm == "SHA-256" ? SHA256.HashData(bytes) : MD5.HashData(bytes));
    }
}
