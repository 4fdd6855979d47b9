namespace Pbx.Grains.Extensions;

/// <summary>What <see cref="ExtensionState.Apply"/> decided: the answer for the phone and the bindings it changed.</summary>
/// <param name="Outcome">The answer the edge turns into a response.</param>
/// <param name="Changes">Bindings added, refreshed, removed or found expired; empty when nothing changed.</param>
public sealed record RegistrationApplied(RegisterOutcome Outcome, IReadOnlyList<BindingChange> Changes);
