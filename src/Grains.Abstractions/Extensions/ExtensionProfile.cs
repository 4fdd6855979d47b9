using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>What calls need of an extension's configuration row, as its grain holds it (no credentials).</summary>
/// <param name="Number">The extension number.</param>
/// <param name="DisplayName">Name shown to callees; empty when none is configured.</param>
/// <param name="Enabled">False when disabled by an administrator.</param>
/// <param name="SettingsJson">The settings document as JSON text (forwarding, DND, call waiting, recording...).</param>
[GenerateSerializer, Immutable]
public sealed record ExtensionProfile(string Number, string DisplayName, bool Enabled, string SettingsJson);
