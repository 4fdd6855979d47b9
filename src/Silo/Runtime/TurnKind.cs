namespace Pbx.Silo.Runtime;

/// <summary>How a turn may overlap others in its activation.</summary>
internal enum TurnKind
{
    /// <summary>Runs alone, after every earlier turn (the default, turn-based).</summary>
    Exclusive,
    /// <summary>[ReadOnly]: overlaps other read-only turns, never an exclusive one.</summary>
    ReadOnly,
    /// <summary>[AlwaysInterleave] or a [Reentrant] class: starts at once.</summary>
    Interleave,
}
