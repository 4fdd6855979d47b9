using System.Text.Json.Serialization;

namespace Pbx.Data.Recordings;

/// <summary>A call recording; the audio itself is downloaded from <c>/api/v1/recordings/{id}/content</c>.</summary>
public sealed record Recording
{
    public long Id { get; init; }

    public required string CallId { get; init; }

    public string ContentType { get; init; } = "audio/wav";

    public long DurationMs { get; init; }

    public long SizeBytes { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>Where the audio lies on the server's disk: not shown to clients.</summary>
    [JsonIgnore]
    public string FilePath { get; init; } = "";
}
