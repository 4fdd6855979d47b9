namespace Pbx.Grains.Runtime;

/// <summary>Identity of one grain in the cluster: the interface's grain type plus its key.</summary>
/// <param name="Type">Stable type name, by default the grain interface name without the leading 'I' and 'Grain' suffix ("Extension").</param>
/// <param name="Key">The key as a string; Guid keys use the "N" format.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
