namespace Pbx.Audio.Prompts;

/// <summary>What <see cref="PromptConverter"/> wrote: the playback file's length in time and bytes.</summary>
public sealed record ConvertedPrompt(UploadFormat Format, long DurationMs, long SizeBytes);
