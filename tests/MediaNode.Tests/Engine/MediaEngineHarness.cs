using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;
using Pbx.MediaNode.Engine;
using Pbx.MediaNode.Hosting;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>A media engine on 127.0.0.1 with a port range of its own, plus helpers to set up legs with phones.</summary>
internal sealed class MediaEngineHarness : IAsyncDisposable
{
    private static int _nextRange;

    public MediaEngineHarness(Action<MediaOptions>? configure = null, int pairs = 40)
    {
        // Each harness takes its own 80-port slice of 20000-31999, below Linux's ephemeral range (32768+) where the test
        // phones' sockets land, so parallel tests and test runs do not compete for ports.
        var slice = (Environment.ProcessId * 7 + Interlocked.Increment(ref _nextRange)) % 150;
        var min = 20000 + slice * 80;
        Options = new MediaOptions
        {
            Address = "127.0.0.1",
            BindAddress = "127.0.0.1",
            RtpPortMin = min,
            RtpPortMax = min + 2 * pairs - 1,
            MediaTimeout = TimeSpan.FromSeconds(30),
            RecordingsDirectory = Path.Combine(Path.GetTempPath(), "pbx-media-tests", Guid.NewGuid().ToString("N")),
            PromptsDirectory = Path.GetTempPath(),
        };
        configure?.Invoke(Options);
        Counters = new MediaCounters();
        Engine = new MediaEngine(Microsoft.Extensions.Options.Options.Create(Options), NullLogger<MediaEngine>.Instance, TimeProvider.System, Counters);
    }

    public MediaOptions Options { get; }

    public MediaCounters Counters { get; }

    public MediaEngine Engine { get; }

    /// <summary>Allocates an endpoint and answers <paramref name="phone"/>'s offer on it.</summary>
    public async Task<(string Id, int Port, RecordingObserver Events)> AnswerAsync(RtpPhone phone, string formats = "0 8 101")
    {
        var events = new RecordingObserver();
        var allocation = await Engine.AllocateAsync("call-" + Guid.NewGuid().ToString("N")[..6], events);
        allocation.Succeeded.ShouldBeTrue(allocation.Reason);
        await Engine.AnswerAsync(allocation.EndpointId, phone.Offer(formats));
        return (allocation.EndpointId, allocation.RtpPort, events);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Counters.Dispose();
        if (Directory.Exists(Options.RecordingsDirectory))
            Directory.Delete(Options.RecordingsDirectory, recursive: true);
    }
}
