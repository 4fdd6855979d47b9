using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Pbx.TestSupport;
using Xunit;

namespace Pbx.IntegrationTests.Interop;

/// <summary>
/// One PBX with the product's default settings for the interop tests, and the tone each kind of phone sends: a phone's
/// recording then says by frequency whom it heard.
/// </summary>
public sealed class InteropFixture : IAsyncLifetime
{
    /// <summary>What linphone phones send.</summary>
    public const int LinphoneTone = 600;
    /// <summary>What baresip phones send.</summary>
    public const int BaresipTone = 1000;
    /// <summary>What the third phone of a transfer (a linphone) sends.</summary>
    public const int TargetTone = 1400;

    // Longer than any call of these tests: baresip's aufile source hangs up when its file ends.
    private const int ToneSeconds = 60;

    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-interop-").FullName;

    internal PbxHost Pbx { get; private set; } = null!;

    /// <summary>The 8 kHz mono WAV of <paramref name="frequency"/> Hz.</summary>
    public string Tone(int frequency) => Path.Combine(_folder, $"tone-{frequency}.wav");

    public async Task InitializeAsync()
    {
        foreach (var frequency in (int[])[LinphoneTone, BaresipTone, TargetTone])
            await Sox.SynthesizeAsync(Tone(frequency), ToneSeconds, channels: 1, frequency);
        Pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("interop"));
    }

    public async Task DisposeAsync()
    {
        await Pbx.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A linphone phone as a new extension <paramref name="number"/>, sending <paramref name="tone"/>.</summary>
    internal async Task<LinphoneUserAgent> LinphoneAsync(string number, string transport, int tone, int rtpPortBase)
    {
        await Pbx.AddExtensionAsync(number);
        return await LinphoneUserAgent.StartAsync(number, Pbx.SipEndPoint(transport), transport, Tone(tone), rtpPortBase);
    }

    /// <summary>A baresip phone as a new extension <paramref name="number"/>, sending <see cref="BaresipTone"/>.</summary>
    internal async Task<BaresipUserAgent> BaresipAsync(string number, string transport, int rtpPortBase)
    {
        await Pbx.AddExtensionAsync(number);
        return BaresipUserAgent.StartPhone(number, Pbx.SipEndPoint(transport), transport, Tone(BaresipTone), rtpPortBase);
    }

    /// <summary>Waits until each of <paramref name="phones"/> has registered (a "registered" event on <paramref name="registrations"/>).</summary>
    internal static Task RegisteredAsync(LiveSubscription registrations, params ISoftphone[] phones) =>
        SeenAsync(registrations, phones, [.. phones.Select(p => ("registered", p.Number))]);

    /// <summary>
    /// Waits until every (kind, key) of <paramref name="expected"/> was published on <paramref name="events"/>, in any order;
    /// on failure names the missing ones with what <paramref name="phones"/> printed.
    /// </summary>
    internal static async Task SeenAsync(LiveSubscription events, IReadOnlyList<ISoftphone> phones, params (string Kind, string Key)[] expected)
    {
        var waiting = expected.ToHashSet();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
            {
                if (waiting.Remove((e.Kind, e.Key)) && waiting.Count == 0)
                    return;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"not seen within 30 s: {string.Join(", ", waiting)}\n"
                + string.Join("\n", phones.Select(p => p.Output.Text)));
        }
        throw new InvalidOperationException("the live event stream ended before " + string.Join(", ", waiting));
    }
}
