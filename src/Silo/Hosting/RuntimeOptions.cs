namespace Pbx.Silo.Hosting;

/// <summary>Orleans runtime settings the PBX exposes, bound from section <c>Runtime</c> and validated at start-up.</summary>
public sealed class RuntimeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Runtime";

    /// <summary>An activation with no call for this long is deactivated (Orleans' default is 15 minutes too).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A grain call not answered within this fails with <see cref="TimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
