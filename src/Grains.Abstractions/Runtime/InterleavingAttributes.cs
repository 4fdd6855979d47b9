namespace Pbx.Grains.Runtime;

/// <summary>
/// Every call to this grain class may interleave with others at await points. The activation still runs one piece of
/// code at a time (as in Orleans), so fields need no locks, but state may change across an await.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Calls to this interface method may start while another turn awaits (same interleaving as <see cref="ReentrantAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This interface method only reads state: it may run concurrently with other read-only calls, never with a writer.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
