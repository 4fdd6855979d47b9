namespace Pbx.Data.Prompts;

/// <summary>A converted audio file already written under <c>Media:PromptsDirectory</c>, about to be named by a row.</summary>
/// <param name="File">Its path relative to the prompts directory.</param>
public sealed record PromptAudio(string Name, string? Language, string File, long DurationMs, long SizeBytes);
