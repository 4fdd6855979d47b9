using Pbx.Grains.Extensions;
using Pbx.TestSupport;
using Xunit;

namespace Pbx.IntegrationTests.Interop;

/// <summary>The SHA-256 opt-in (RFC 8760) with a real agent: linphone offered SHA-256 first by a User-Agent pattern.</summary>
public sealed class Sha256InteropTests
{
    [Fact]
    public async Task Linphone_named_in_Sha256UserAgents_registers_with_SHA_256()
    {
        // Not the default: this PBX offers SHA-256 first to agents whose User-Agent starts "Linphonec" (linphonec 5.1 sends
        // "Linphonec/5.1.65"); the registrar's unit tests cover the default, MD5 alone.
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("sha256"), "--Sip:Auth:Sha256UserAgents:0=Linphonec*");
        await pbx.AddExtensionAsync("5501");
        var folder = Directory.CreateTempSubdirectory("pbx-sha256-").FullName;
        try
        {
            var tone = Path.Combine(folder, "tone.wav");
            await Sox.SynthesizeAsync(tone, seconds: 1, channels: 1);
            using var registrations = pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
            // An account set to SHA-256 has no MD5 answer: it registers only if the PBX offered SHA-256 and accepted the response.
            await using var linphone = await LinphoneUserAgent.StartAsync("5501", pbx.Udp, "udp", tone, 32300, digestAlgorithm: "SHA-256");

            await InteropFixture.RegisteredAsync(registrations, linphone);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
