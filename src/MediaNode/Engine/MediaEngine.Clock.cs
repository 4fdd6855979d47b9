namespace Pbx.MediaNode.Engine;

/// <summary>
/// The shared 20 ms media clock. It visits only the legs that have work in a tick: those with audio work (a prompt, tone
/// or music playing, keys being sent, a conference or recording using their audio) in every tick, and every leg once a
/// second for its RTCP report and media timeout, spread over the second's 50 ticks by a clock wheel. A leg that is only
/// relayed thus costs a fiftieth of a visit per tick: visiting all of them every tick was 3.5 % of the CPU of call set-up
/// at 1,000 endpoints (issue #5).
/// </summary>
public sealed partial class MediaEngine
{
    /// <summary>Most frames the clock makes up after a stall; beyond that, audio skips rather than bursts.</summary>
    private const int MaxCatchUpTicks = 10;

    private readonly EndpointSet _audioWork = new();

    // Slot s holds the legs whose (tick + Serial) is a multiple of TimeoutCheckTicks on the ticks the clock serves it.
    private readonly EndpointSet[] _wheel = CreateWheel();

    /// <summary>
    /// Adds the leg to the clock's audio work or takes it off, after anything <see cref="MediaEndpoint.NeedsAudioTick"/>
    /// depends on changed.
    /// </summary>
    internal void RefreshAudioWork(MediaEndpoint endpoint) => _audioWork.Refresh(endpoint, static e => e.NeedsAudioTick);

    private static EndpointSet[] CreateWheel()
    {
        var wheel = new EndpointSet[MediaEndpoint.TimeoutCheckTicks];
        for (var i = 0; i < wheel.Length; i++)
            wheel[i] = new EndpointSet();
        return wheel;
    }

    private static int WheelSlotOf(int serial) => Modulo(serial);

    private static int WheelSlotAt(long tick) => Modulo(-tick);

    private static int Modulo(long value) =>
        (int)((value % MediaEndpoint.TimeoutCheckTicks + MediaEndpoint.TimeoutCheckTicks) % MediaEndpoint.TimeoutCheckTicks);

    private async Task RunClockAsync()
    {
        using var timer = new PeriodicTimer(FramePeriod, Time);
        var start = Time.GetTimestamp();
        long tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var due = (long)(Time.GetElapsedTime(start) / FramePeriod);
                if (due - tick > MaxCatchUpTicks)
                    tick = due - MaxCatchUpTicks;
                for (; tick < due; tick++)
                    Tick(tick);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposal: the clock stops with the engine.
        }
    }

    private void Tick(long tick)
    {
        try
        {
            AudioTick(_audioWork.Snapshot());
        }
        catch (Exception e)
        {
            LogAudioTickFailed(e);
        }
        foreach (var endpoint in _wheel[WheelSlotAt(tick)].Snapshot())
        {
            try
            {
                endpoint.OnSecondTick(tick);
            }
            catch (Exception e)
            {
                // One leg's failure must not stop the clock for every other leg.
                LogTickFailed(e, endpoint.Id);
            }
        }
    }
}
