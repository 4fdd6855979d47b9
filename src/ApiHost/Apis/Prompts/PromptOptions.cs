namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>
/// The prompts library's settings, in section <c>Media</c> beside the media node's own keys: the directory both roles use
/// (the API host writes there, media nodes play from there, so separate processes must share it), the largest upload, and
/// the espeak-ng that speaks the system prompts.
/// </summary>
public sealed class PromptOptions
{
    public const string Section = "Media";

    /// <summary>The default of <see cref="PromptMaxUploadBytes"/>: 20 MiB, about 20 minutes of MP3 at 128 kbit/s.</summary>
    public const long DefaultMaxUploadBytes = 20 * 1024 * 1024;

    /// <summary>Folder prompt names are resolved against (<c>Media:PromptsDirectory</c>, the media node's key).</summary>
    public string PromptsDirectory { get; set; } = "prompts";

    /// <summary>Largest prompt file accepted by <c>POST /api/v1/prompts</c> (1 KiB to 1 GiB): larger gets 413.</summary>
    public long PromptMaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>espeak-ng, which speaks the system prompts at first start; empty, or a path that does not exist, skips them.</summary>
    public string EspeakNgPath { get; set; } = "/usr/bin/espeak-ng";

    /// <summary>The file <paramref name="file"/> (a <c>prompts.file_path</c>) on this host.</summary>
    public string FullPath(string file) => Path.GetFullPath(file, Path.GetFullPath(PromptsDirectory));
}
