using Pbx.Grains.Extensions;

namespace Pbx.Grains.Calls;

/// <summary>
/// Extension configuration as this call reads it: from the extensions' grains, which hold their row in memory (the API
/// reloads a grain after every change), so call set-up costs no database query. A call keeps what it read, so it
/// routes by the settings it started with; numbers it reaches later (a forward target) are read when first needed.
/// </summary>
public sealed partial class CallGrain
{
    private readonly Dictionary<string, ExtensionProfile?> _extensionProfiles = new(StringComparer.Ordinal);

    /// <summary>Set-up needs the callee's profile (routing, then ringing) and the caller's (display name): asked at once.</summary>
    private async Task PrefetchExtensionsAsync(string caller, string callee)
    {
        var profiles = await Task.WhenAll(Profile(caller), Profile(callee));
        _extensionProfiles[caller] = profiles[0];
        _extensionProfiles[callee] = profiles[1];
    }

    /// <summary>The extension's profile (read once per call), or null when there is none.</summary>
    private async Task<ExtensionProfile?> FindExtensionAsync(string number)
    {
        if (_extensionProfiles.TryGetValue(number, out var profile))
            return profile;
        profile = await Profile(number);
        _extensionProfiles[number] = profile;
        return profile;
    }

    private Task<ExtensionProfile?> Profile(string number) => GrainFactory.Grain<IExtensionGrain>(number).GetProfileAsync();
}
