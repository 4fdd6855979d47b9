namespace Pbx.Data.Prompts;

/// <summary>An upload's row: <paramref name="ReplacedFile"/> is the file of the prompt it replaced (now unnamed), or null for a new prompt.</summary>
public sealed record PromptSaved(Prompt Prompt, string? ReplacedFile);
