namespace Pbx.Data.Prompts;

/// <summary>A prompt of the library; its audio is downloaded from <c>/api/v1/prompts/{id}/content</c>.</summary>
public sealed record Prompt
{
    public long Id { get; init; }

    /// <summary>What IVR menus and queues call it; with <see cref="Language"/>, unique.</summary>
    public required string Name { get; init; }

    /// <summary>A language tag (<c>en</c>, <c>ru</c>, <c>uz</c>), or null for a prompt of no language (a tone, music).</summary>
    public string? Language { get; init; }

    /// <summary><see cref="PromptKinds.System"/> or <see cref="PromptKinds.Uploaded"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// The file under <c>Media:PromptsDirectory</c>, the name the media node plays (and <c>Calls:MusicOnHold</c> takes):
    /// relative, so it says nothing about the server's disk.
    /// </summary>
    public required string File { get; init; }

    public long DurationMs { get; init; }

    public long SizeBytes { get; init; }

    public DateTime CreatedAt { get; init; }
}
