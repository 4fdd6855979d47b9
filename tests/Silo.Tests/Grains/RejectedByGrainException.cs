namespace Pbx.Silo.Tests.Grains;

/// <summary>An application exception type the caller must see unchanged.</summary>
public sealed class RejectedByGrainException(string message) : Exception(message);
