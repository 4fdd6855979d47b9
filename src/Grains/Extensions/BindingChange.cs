namespace Pbx.Grains.Extensions;

/// <summary>One binding that a registrar step added, refreshed, removed or expired.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Binding">The binding as it is now (added, refreshed) or was (removed, expired).</param>
public readonly record struct BindingChange(BindingChangeKind Kind, ContactBinding Binding);
