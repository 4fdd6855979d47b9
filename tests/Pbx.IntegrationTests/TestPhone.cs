using System.Globalization;
using Pbx.Grains.Live;
using Pbx.TestSupport;
using Shouldly;

namespace Pbx.IntegrationTests;

/// <summary>An extension with a sipp phone registered from <paramref name="Port"/>, and the steps the call feature tests share.</summary>
internal sealed record TestPhone(string Number, int Port)
{
    /// <summary>Creates the extension (if new) and registers a phone for it from a fresh port, with digest auth.</summary>
    public static async Task<TestPhone> RegisterAsync(PbxHost pbx, string number)
    {
        await pbx.AddExtensionAsync(number);
        var port = FreePort.UdpAndTcp();
        var registered = await Sipp.RunAsync("register.xml", pbx.Udp, number, port);
        registered.ExitCode.ShouldBe(0, registered.Output);
        return new TestPhone(number, port);
    }

    /// <summary>Creates the extension without registering any phone: a caller needs only its digest credentials.</summary>
    public static async Task<TestPhone> CallerOnlyAsync(PbxHost pbx, string number)
    {
        await pbx.AddExtensionAsync(number);
        return new TestPhone(number, FreePort.UdpAndTcp());
    }

    /// <summary>The sipp key that points a scenario's SDP at <paramref name="sink"/>.</summary>
    public static Dictionary<string, string> RtpPort(RtpSink sink) => new() { ["rtp_port"] = sink.Port.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The first event of <paramref name="kind"/> on the stream (any call).</summary>
    public static async Task<LiveEvent> NextEventAsync(LiveSubscription events, string kind, string? callId = null, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(10));
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.Kind == kind && (callId is null || e.Key == callId))
                return e;
        }
        throw new InvalidOperationException($"the live event stream ended before a '{kind}' event");
    }
}
