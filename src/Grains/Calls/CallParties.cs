using Orleans;
using Pbx.Grains.Extensions;

namespace Pbx.Grains.Calls;

/// <summary>
/// The extensions one call deals with, as it sees them, through their grains (which hold their row and bindings in
/// memory, so call set-up costs no database query): their profiles, read once per call so it routes by the settings it
/// started with; their phones; and their lists of calls, for call waiting. One per call activation.
/// </summary>
internal sealed class CallParties(IGrainFactory grains, string callKey)
{
    private readonly Dictionary<string, ExtensionProfile?> _profiles = new(StringComparer.Ordinal);

    /// <summary>Set-up needs the callee's profile (routing, then ringing) and the caller's (display name): asked at once.</summary>
    public async Task PrefetchAsync(string caller, string callee)
    {
        var profiles = await Task.WhenAll(Profile(caller), Profile(callee));
        _profiles[caller] = profiles[0];
        _profiles[callee] = profiles[1];
    }

    /// <summary>The extension's profile (read once per call), or null when there is none.</summary>
    public async Task<ExtensionProfile?> FindAsync(string number)
    {
        if (_profiles.TryGetValue(number, out var profile))
            return profile;
        profile = await Profile(number);
        _profiles[number] = profile;
        return profile;
    }

    /// <summary>Whether <paramref name="number"/> is an extension, as far as this call has looked; null when it has not.</summary>
    public bool? IsKnownExtension(string number) => _profiles.TryGetValue(number, out var profile) ? profile is not null : null;

    /// <summary>The registered phones of extension <paramref name="number"/>.</summary>
    public Task<IReadOnlyList<ContactBinding>> BindingsAsync(string number) => Grain(number).GetBindingsAsync();

    /// <summary>What extension <paramref name="number"/> is now: configured, enabled, its phones.</summary>
    public Task<ExtensionStatus> StatusAsync(string number) => Grain(number).GetStatusAsync();

    /// <summary>The number of calls other than this one extension <paramref name="number"/> is in (call waiting).</summary>
    public async Task<int> OtherCallsAsync(string number) => (await Grain(number).GetActiveCallsAsync()).Count(id => id != callKey);

    /// <summary>Extension <paramref name="number"/> is now in this call (a caller, an answering callee, a transfer target).</summary>
    public Task JoinAsync(string number) => Grain(number).JoinCallAsync(callKey);

    /// <summary>Extension <paramref name="number"/> has left this call.</summary>
    public Task LeaveAsync(string number) => Grain(number).LeaveCallAsync(callKey);

    private Task<ExtensionProfile?> Profile(string number) => Grain(number).GetProfileAsync();

    private IExtensionGrain Grain(string number) => grains.Grain<IExtensionGrain>(number);
}
