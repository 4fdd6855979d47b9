using Pbx.Grains.Extensions;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Interop with a real softphone: two baresip user agents register with digest auth, one calls the other through the
/// PBX, the callee answers on its own; what the callee heard (written by baresip's sndfile module) is checked with sox.
/// </summary>
public sealed class BaresipInteropTests
{
    private static readonly TimeSpan CallerStays = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Baresip_calls_baresip_through_the_pbx_and_the_callee_hears_the_callers_audio()
    {
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("baresip"));
        await pbx.AddExtensionAsync("5301");
        await pbx.AddExtensionAsync("5302");
        var folder = Directory.CreateTempSubdirectory("pbx-baresip-audio-").FullName;
        try
        {
            var tone = Path.Combine(folder, "tone.wav");
            await Sox.SynthesizeAsync(tone, seconds: 10, channels: 1);
            using var registrations = pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
            // RTP ranges below the kernel's ephemeral ports (32768 up), where no test's or browser's outgoing socket lands,
            // and above the media node tests' slices (up to 31999).
            await using var callee = BaresipUserAgent.Start("5302", pbx.Udp, tone, (32500, 32599), autoAnswer: true, quitAfter: TimeSpan.FromSeconds(9));
            await RegisteredAsync(registrations, callee, "5302");

            await using var caller = BaresipUserAgent.Start("5301", pbx.Udp, tone, (32400, 32499), autoAnswer: false, quitAfter: CallerStays,
                $"/dial sip:5302@{pbx.Udp}");
            await caller.WaitAsync(TimeSpan.FromSeconds(20));

            CdrRow cdr;
            try
            {
                cdr = await CdrRow.ClosedAsync(pbx.Database, "5301", "5302", TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException e)
            {
                // Seen once in a full run on a loaded box: what both phones printed says which side the call stopped at.
                throw new TimeoutException($"{e.Message}\ncaller:\n{caller.Output.Text}\ncallee:\n{callee.Output.Text}", e);
            }
            (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "caller"), caller.Output.Text);
            var heard = Directory.GetFiles(callee.Folder, "dump-*-dec.wav").ShouldHaveSingleItem(callee.Output.Text);
            await callee.WaitAsync(TimeSpan.FromSeconds(20));
            var seconds = await Sox.DurationAsync(heard);
            seconds.ShouldBeInRange(CallerStays.TotalSeconds - 3, CallerStays.TotalSeconds, "about the time the call was up");
            (await Sox.RmsAsync(heard, 1)).ShouldBeGreaterThan(0.05, "the callee heard the caller's tone, relayed by the media node");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RegisteredAsync(Pbx.Grains.Live.LiveSubscription registrations, BaresipUserAgent agent, string number)
    {
        try
        {
            await TestPhone.NextEventAsync(registrations, "registered", number);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"baresip {number} did not register: {agent.Output.Text}");
        }
    }
}
