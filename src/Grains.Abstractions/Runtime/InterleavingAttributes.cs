namespace Pbx.Grains.Runtime;

/// <summary>Every call to this grain class may interleave with others: the grain must tolerate concurrent turns at await points.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Calls to this interface method may interleave with any other call (it neither reads nor writes shared state unsafely).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This interface method only reads state: it may run concurrently with other read-only calls, never with a writer.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
