using Orleans;
using Orleans.Concurrency;

namespace Pbx.Grains.Extensions;

/// <summary>
/// One extension (key = extension number): its digest credentials, its registered contacts (RFC 3261 section 10.3)
/// and its per-extension login lockout. The edge calls it for every REGISTER; call grains read its bindings to reach the phones.
/// </summary>
public interface IExtensionGrain : IGrainWithStringKey
{
    /// <summary>
    /// The digest credentials the edge verifies a request against, or null when no such extension exists.
    /// <see cref="ExtensionCredentials.LockedOut"/> is computed for <paramref name="sourceAddress"/>: a per-extension
    /// lockout spares addresses where this extension already has an active binding, so a guessing attacker elsewhere
    /// cannot cut off the registered phone.
    /// </summary>
    /// <param name="sourceAddress">IP address (no port) the request came from.</param>
    [ReadOnly]
    Task<ExtensionCredentials?> GetCredentialsAsync(string sourceAddress);

    /// <summary>
    /// Applies an authenticated REGISTER: adds, refreshes or removes bindings as RFC 3261 section 10.3 decides.
    /// Only call it after the digest was verified: success also clears the extension's failure count.
    /// </summary>
    Task<RegisterOutcome> RegisterAsync(RegisterRequest request);

    /// <summary>The current, unexpired bindings, highest q-value first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ContactBinding>> GetBindingsAsync();

    /// <summary>Counts a failed login for this extension; engages the lockout after <see cref="LockoutOptions.MaxFailures"/> within the window.</summary>
    /// <param name="sourceAddress">IP address (no port) of the failed attempt, for the security log.</param>
    Task<LockoutStatus> RecordAuthFailureAsync(string sourceAddress);

    /// <summary>Clears the failure count after a successful login (an engaged lockout stays until it ends).</summary>
    /// <param name="sourceAddress">IP address (no port) of the successful attempt.</param>
    Task RecordAuthSuccessAsync(string sourceAddress);

    /// <summary>Bindings, lockout and whether the extension exists and is enabled.</summary>
    [ReadOnly]
    Task<ExtensionStatus> GetStatusAsync();

    /// <summary>A call this extension takes part in started (as caller) or was answered (as callee); idempotent.</summary>
    /// <param name="callId">The call's key.</param>
    Task JoinCallAsync(string callId);

    /// <summary>The call ended for this extension; leaving a call it is not in does nothing.</summary>
    /// <param name="callId">The call's key.</param>
    Task LeaveCallAsync(string callId);

    /// <summary>Keys of the calls the extension is in now, oldest first: call waiting refuses a new call when this is not empty.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetActiveCallsAsync();

    /// <summary>
    /// The configuration row as this activation read it (on activation or the last <see cref="ReloadAsync"/>), or null when
    /// no such extension exists: call set-up reads it here instead of querying the database per call.
    /// </summary>
    [ReadOnly]
    Task<ExtensionProfile?> GetProfileAsync();

    /// <summary>An administrator lifts the extension's SIP lockout (its phones' sources are locked out by the edges apart).</summary>
    Task UnlockAsync();

    /// <summary>Rereads the extension's configuration row (the API calls it after every change); drops bindings when it was deleted or disabled.</summary>
    Task ReloadAsync();
}
