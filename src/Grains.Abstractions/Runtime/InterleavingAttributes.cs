namespace Pbx.Grains.Runtime;

/// <summary>
/// Every call to this grain class may interleave with others. Unlike Orleans, interleaved turns may also run on different
/// threads at the same moment, so shared fields need the same care as in any concurrent class.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Calls to this interface method start at once, even while another turn runs (same threading caveat as <see cref="ReentrantAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This interface method only reads state: it may run concurrently with other read-only calls, never with a writer.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
