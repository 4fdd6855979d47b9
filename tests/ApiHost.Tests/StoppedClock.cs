namespace Pbx.ApiHost.Tests;

/// <summary>
/// A clock that stands still unless a test moves it: on a busy machine a real second may pass between two requests of
/// a test, and a one-second backoff would run out by itself.
/// </summary>
internal sealed class StoppedClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
