namespace Pbx.MediaNode.Codecs;

/// <summary>
/// A G.722 leg seen from the 8 kHz rest of the node (bridges to G.711, prompts, mixing, recording, DTMF): decodes and
/// drops to 8 kHz, or raises to 16 kHz and encodes. One G.722 byte is one 8 kHz sample's worth of time, so payload
/// lengths and timestamps stay as for G.711. Holds one stream's codec state in each direction.
/// </summary>
internal sealed class G722Narrowband
{
    private readonly G722Encoder _encoder = new();
    private readonly G722Decoder _decoder = new();
    private readonly HalfBandResampler _down = new();
    private readonly HalfBandResampler _up = new();
    // One buffer per direction: decoding runs on the leg's receive loop, encoding on whoever feeds its send stream.
    private short[] _wideIn = new short[320];
    private short[] _wideOut = new short[320];

    /// <summary>Decodes <paramref name="payload"/> into as many 8 kHz samples. Receive side of the leg only.</summary>
    public void Decode(ReadOnlySpan<byte> payload, Span<short> samples)
    {
        var wide = Wide(ref _wideIn, 2 * payload.Length);
        _decoder.Decode(payload, wide);
        _down.Decimate(wide, samples);
    }

    /// <summary>Encodes 8 kHz <paramref name="samples"/> into as many payload bytes. The leg's one send-stream writer only.</summary>
    public void Encode(ReadOnlySpan<short> samples, Span<byte> payload)
    {
        var wide = Wide(ref _wideOut, 2 * samples.Length);
        _up.Interpolate(samples, wide);
        _encoder.Encode(wide, payload);
    }

    private static Span<short> Wide(ref short[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new short[length];
        return buffer.AsSpan(0, length);
    }
}
