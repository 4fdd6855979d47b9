using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>What an administrator sees of an extension's live state.</summary>
/// <param name="Number">The extension number (grain key).</param>
/// <param name="Exists">False when no configuration row exists.</param>
/// <param name="Enabled">False when disabled by an administrator.</param>
/// <param name="Bindings">Current bindings, highest q first.</param>
/// <param name="Lockout">Failed logins and the per-extension lockout.</param>
/// <param name="ActiveCalls">Keys of the calls the extension is in now (see <see cref="IExtensionGrain.GetActiveCallsAsync"/>).</param>
[GenerateSerializer, Immutable]
public sealed record ExtensionStatus(string Number, bool Exists, bool Enabled, IReadOnlyList<ContactBinding> Bindings, LockoutStatus Lockout,
    IReadOnlyList<string>? ActiveCalls = null);
