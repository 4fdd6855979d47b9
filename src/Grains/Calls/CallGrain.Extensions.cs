using Pbx.Grains.Extensions;

namespace Pbx.Grains.Calls;

/// <summary>
/// Extension rows as this call reads them: set-up needs the callee's (routing, then ringing) and the caller's (display
/// name), which one query fetches instead of three. A call keeps the rows it read, so it routes by the settings it started
/// with; numbers it reaches later (a forward target) are read when first needed.
/// </summary>
public sealed partial class CallGrain
{
    private readonly Dictionary<string, ExtensionConfiguration?> _extensionRows = new(StringComparer.Ordinal);

    private async Task PrefetchExtensionsAsync(string caller, string callee)
    {
        _extensionRows[caller] = null;
        _extensionRows[callee] = null;
        foreach (var row in await extensions.FindManyAsync([caller, callee]))
            _extensionRows[row.Number] = row;
    }

    /// <summary>The extension's row (read once per call), or null when there is none.</summary>
    private async Task<ExtensionConfiguration?> FindExtensionAsync(string number)
    {
        if (_extensionRows.TryGetValue(number, out var row))
            return row;
        row = await extensions.FindAsync(number);
        _extensionRows[number] = row;
        return row;
    }
}
