namespace Pbx.MediaNode.Tests.Engine;

/// <summary>
/// Waits for a state the engine reaches on its own threads (a counter, a released port) and raises no event for: checks
/// every 10 ms, fails the test after 3 s.
/// </summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        while (!condition())
            await Task.Delay(10, cts.Token);
    }
}
