using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Trunks;

/// <summary>
/// Keeps one trunk registered: sends REGISTER, reports the outcome to the trunk grain, and waits until the time the grain
/// names (a refresh before expiry, or a back-off after a failure) before the next. Ends with an un-REGISTER (expires 0,
/// RFC 3261 10.2.2) when stopped, so the carrier stops routing calls to an address that no longer answers. Each outcome
/// names the row version (<paramref name="configuredAt"/>) it was sent with, so the grain can ignore one the API has superseded.
/// </summary>
public sealed class TrunkRegistrationLoop(TrunkRegistration registration, ITrunkGrain trunk, TimeSpan expires, TimeProvider time,
    DateTimeOffset? configuredAt = null)
{
    private static readonly TimeSpan UnregisterLimit = TimeSpan.FromSeconds(5);

    /// <summary>Runs until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var registered = false;
        while (!stopping.IsCancellationRequested)
        {
            TrunkRegisterOutcome outcome;
            try
            {
                outcome = await registration.RegisterAsync(expires, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            registered = outcome.Registered;
            var next = await trunk.OnRegisterOutcomeAsync(outcome with { ConfiguredAt = configuredAt });
            var wait = next - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (registered)
        {
            // Best effort: a carrier that does not answer lets the binding expire on its own.
            using var limit = new CancellationTokenSource(UnregisterLimit, time);
            await ((Task)registration.RegisterAsync(TimeSpan.Zero, limit.Token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
