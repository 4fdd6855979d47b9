using System.Text.Json;
using Orleans;

namespace Pbx.Grains.Live;

/// <summary>A <see cref="JsonElement"/> as Orleans carries it between processes: its JSON text.</summary>
[GenerateSerializer, Immutable]
public readonly struct JsonElementSurrogate
{
    /// <summary>The element's raw JSON.</summary>
    [Id(0)]
    public string Json { get; init; }
}

/// <summary>Lets <see cref="LiveEvent.Data"/> cross the cluster.</summary>
[RegisterConverter]
public sealed class JsonElementSurrogateConverter : IConverter<JsonElement, JsonElementSurrogate>
{
    /// <inheritdoc />
    public JsonElement ConvertFromSurrogate(in JsonElementSurrogate surrogate) => JsonDocument.Parse(surrogate.Json).RootElement.Clone();

    /// <inheritdoc />
    public JsonElementSurrogate ConvertToSurrogate(in JsonElement value) => new() { Json = value.GetRawText() };
}
