namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>One built-in prompt: its name, its language (an espeak-ng voice of the same name) and the words spoken.</summary>
public sealed record SystemPromptText(string Name, string Language, string Text);
