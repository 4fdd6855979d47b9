namespace Pbx.Data.Health;

/// <summary>The outcome of <see cref="DatabaseProbe.PingAsync"/>.</summary>
/// <param name="Reachable">PostgreSQL answered.</param>
/// <param name="Latency">The round trip, when it answered.</param>
/// <param name="Failure">Why it did not (kept for the log; its message may name the server's address).</param>
public sealed record DatabasePing(bool Reachable, TimeSpan? Latency, Exception? Failure = null);
