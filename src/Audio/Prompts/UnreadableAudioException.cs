namespace Pbx.Audio.Prompts;

/// <summary>An upload in an accepted format that does not decode (truncated, corrupt, empty, far too long).</summary>
public sealed class UnreadableAudioException(string fileName, UploadFormat format, string reason, Exception? inner = null)
    : Exception($"'{fileName}' is not readable {UploadFormats.Name(format)} audio: {reason}", inner)
{
    /// <summary>The file as the client named it.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The format its first bytes claimed.</summary>
    public UploadFormat Format { get; } = format;

    /// <summary>What is wrong, in English, for the problem details.</summary>
    public string Reason { get; } = reason;
}
