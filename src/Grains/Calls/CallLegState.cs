namespace Pbx.Grains.Calls;

/// <summary>Persisted state of <see cref="CallLegGrain"/>.</summary>
public sealed class CallLegState
{
    /// <summary>The call this Call-ID belongs to.</summary>
    public string? CallKey { get; set; }
}
