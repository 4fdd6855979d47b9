namespace Pbx.Grains.Runtime;

/// <summary>A state write carried an ETag that no longer matches storage: someone else wrote newer data, which was kept.</summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? currentEtag) : Exception(message)
{
    /// <summary>ETag found in storage, or null when the record is gone.</summary>
    public string? StoredEtag { get; } = storedEtag;

    /// <summary>ETag the writer believed current.</summary>
    public string? CurrentEtag { get; } = currentEtag;
}
