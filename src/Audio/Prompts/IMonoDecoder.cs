namespace Pbx.Audio.Prompts;

/// <summary>An uploaded file decoded as mono samples on the 16-bit scale, at the file's own rate.</summary>
internal interface IMonoDecoder : IDisposable
{
    int SampleRate { get; }

    /// <summary>Writes the next samples into <paramref name="destination"/>; 0 at the end.</summary>
    int Read(Span<float> destination);
}
