namespace Pbx.Grains.Runtime;

/// <summary>Identity of one grain in the cluster: the interface's grain type plus its key.</summary>
/// <param name="Type">Stable type name: the implementation class name without its "Grain" suffix (ExtensionGrain: "Extension"). It keys stored state and reminders, so renaming a grain class moves its data.</param>
/// <param name="Key">The key as a string; Guid keys use the "N" format.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
