using Pbx.Grains.Extensions;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests.Interop;

/// <summary>
/// SIP over TLS with real phones: two baresip 1.0 softphones register over TLS to a PBX presenting the self-signed
/// certificate it generated at start, and call each other. sipp cannot be the peer here: Debian's sipp 3.6 is built
/// without OpenSSL ("To use a TLS transport you must compile SIPp with OpenSSL"). baresip listens on no TLS port of its own
/// (it has no certificate), so the callee can only be rung over the connection it opened to register.
/// </summary>
public sealed class TlsInteropTests
{
    // Below the kernel's ephemeral range and apart from the other interop tests' phones.
    private const int CallerRtp = 32400;
    private const int CalleeRtp = 32450;

    [Fact]
    public async Task Baresip_phones_register_over_TLS_and_call_each_other_over_their_TLS_connections()
    {
        var folder = Directory.CreateTempSubdirectory("pbx-tls-interop-").FullName;
        try
        {
            await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("tls"),
                "--Sip:Tls:0=127.0.0.1:0", $"--Sip:Certificate:Directory={Path.Combine(folder, "certs")}");
            await pbx.AddExtensionAsync("5601");
            await pbx.AddExtensionAsync("5602");
            var tone = Path.Combine(folder, "tone.wav");
            await Sox.SynthesizeAsync(tone, seconds: 30, channels: 1, InteropFixture.BaresipTone);
            using var registrations = pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);

            await using var caller = BaresipUserAgent.StartPhone("5601", pbx.Tls, "tls", tone, CallerRtp);
            await using var callee = BaresipUserAgent.StartPhone("5602", pbx.Tls, "tls", tone, CalleeRtp);
            await InteropFixture.RegisteredAsync(registrations, caller, callee);

            var binding = (await pbx.Grains.GetGrain<IExtensionGrain>("5602").GetBindingsAsync()).ShouldHaveSingleItem();
            binding.Transport.ShouldBe("tls");
            await caller.DialAsync(callee.Number);
            // The callee answering proves the INVITE reached it: over TLS, to the source port of its own connection.
            await Task.WhenAll(caller.ConnectedAsync(), callee.ConnectedAsync());
            // The callee hangs up, so the PBX's BYE must reach the caller over the caller's connection too. (Not the other way
            // round: baresip 1.0 here prints nothing when a call it hung up itself ends, over TCP as over TLS, although its
            // BYE is answered 200; a BYE it receives it reports.)
            await callee.HangUpAsync();
            await caller.ByeReceivedAsync();

            (await CdrRow.ClosedAsync(pbx.Database, "5601", "5602", TimeSpan.FromSeconds(10))).Disposition.ShouldBe("answered");
            pbx.Transports.ConnectionCount.ShouldBe(2, "each phone's registration connection carried its calls; none was opened besides");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
