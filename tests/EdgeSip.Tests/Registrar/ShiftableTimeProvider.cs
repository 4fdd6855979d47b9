namespace Pbx.EdgeSip.Tests.Registrar;

/// <summary>The real clock plus an offset the test can jump forward; timers run on real time, so sockets and grains behave normally.</summary>
internal sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
