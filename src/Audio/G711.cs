using System.Numerics;

namespace Pbx.Audio;

/// <summary>
/// ITU-T G.711 mu-law (PCMU, RTP payload type 0) and A-law (PCMA, payload type 8) on 16-bit linear PCM.
/// Decoding and the mu-law/A-law transcoders are 256-entry table lookups; encoding finds the segment with
/// one leading-zero count instead of a search, so neither direction branches per segment.
/// </summary>
public static class G711
{
    // G.711 mu-law works on 14-bit magnitudes: the bias (33) makes every segment start on a power of two,
    // and the clip keeps biased values inside the 8 segments (ITU-T G.711 table 2a).
    private const int MuLawBias = 0x21;
    private const int MuLawClip = 8159;

    private static readonly short[] MuLawDecodeTable = BuildDecodeTable(DecodeMuLawFormula);
    private static readonly short[] ALawDecodeTable = BuildDecodeTable(DecodeALawFormula);
    private static readonly byte[] MuLawToALawTable = BuildTranscodeTable(MuLawDecodeTable, LinearToALaw);
    private static readonly byte[] ALawToMuLawTable = BuildTranscodeTable(ALawDecodeTable, LinearToMuLaw);

    /// <summary>Encodes one 16-bit sample to mu-law; the two low bits below G.711's 14-bit resolution are dropped.</summary>
    public static byte LinearToMuLaw(short sample)
    {
        int value = sample >> 2;
        int mask = 0xFF;
        if (value < 0)
        {
            value = -value;
            mask = 0x7F;
        }
        value = Math.Min(value, MuLawClip) + MuLawBias;
        // The biased value lies in [0x21, 0x2000]: its highest set bit (5..13) names the segment (0..8).
        int segment = 26 - BitOperations.LeadingZeroCount((uint)value);
        if (segment >= 8)
            return (byte)(0x7F ^ mask);
        return (byte)(((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
    }

    /// <summary>Decodes one mu-law byte to 16-bit linear PCM (range -32124..32124).</summary>
    public static short MuLawToLinear(byte code) => MuLawDecodeTable[code];

    /// <summary>Encodes one 16-bit sample to A-law; the three low bits below G.711's 13-bit resolution are dropped.</summary>
    public static byte LinearToALaw(short sample)
    {
        int value = sample >> 3;
        int mask = 0xD5;
        if (value < 0)
        {
            // A-law is sign-magnitude with no negative zero: -1 maps to magnitude 0 (ITU-T G.711 table 1a).
            value = -value - 1;
            mask = 0x55;
        }
        // value is at most 4095 (12 bits) so the segment never exceeds 7; segments 0 and 1 share one step size.
        int segment = Math.Max(0, 27 - BitOperations.LeadingZeroCount((uint)value));
        int mantissa = (value >> Math.Max(1, segment)) & 0x0F;
        return (byte)(((segment << 4) | mantissa) ^ mask);
    }

    /// <summary>Decodes one A-law byte to 16-bit linear PCM (range -32256..32256).</summary>
    public static short ALawToLinear(byte code) => ALawDecodeTable[code];

    /// <summary>Decodes <paramref name="source"/> into the first <c>source.Length</c> samples of <paramref name="destination"/>.</summary>
    public static void DecodeMuLaw(ReadOnlySpan<byte> source, Span<short> destination) => Decode(source, destination, MuLawDecodeTable);

    /// <summary>Decodes <paramref name="source"/> into the first <c>source.Length</c> samples of <paramref name="destination"/>.</summary>
    public static void DecodeALaw(ReadOnlySpan<byte> source, Span<short> destination) => Decode(source, destination, ALawDecodeTable);

    /// <summary>Encodes <paramref name="source"/> into the first <c>source.Length</c> bytes of <paramref name="destination"/>.</summary>
    public static void EncodeMuLaw(ReadOnlySpan<short> source, Span<byte> destination)
    {
        CheckLength(source.Length, destination.Length);
        for (int i = 0; i < source.Length; i++)
            destination[i] = LinearToMuLaw(source[i]);
    }

    /// <summary>Encodes <paramref name="source"/> into the first <c>source.Length</c> bytes of <paramref name="destination"/>.</summary>
    public static void EncodeALaw(ReadOnlySpan<short> source, Span<byte> destination)
    {
        CheckLength(source.Length, destination.Length);
        for (int i = 0; i < source.Length; i++)
            destination[i] = LinearToALaw(source[i]);
    }

    /// <summary>Transcodes PCMU to PCMA without a linear buffer; each byte equals decode then encode.</summary>
    public static void MuLawToALaw(ReadOnlySpan<byte> source, Span<byte> destination) => Transcode(source, destination, MuLawToALawTable);

    /// <summary>Transcodes PCMA to PCMU without a linear buffer; each byte equals decode then encode.</summary>
    public static void ALawToMuLaw(ReadOnlySpan<byte> source, Span<byte> destination) => Transcode(source, destination, ALawToMuLawTable);

    private static void Decode(ReadOnlySpan<byte> source, Span<short> destination, short[] table)
    {
        CheckLength(source.Length, destination.Length);
        // Slicing to the source length and indexing a 256-entry span by a byte lets the JIT drop both bounds checks.
        destination = destination[..source.Length];
        ReadOnlySpan<short> lookup = table.AsSpan(0, 256);
        for (int i = 0; i < source.Length; i++)
            destination[i] = lookup[source[i]];
    }

    private static void Transcode(ReadOnlySpan<byte> source, Span<byte> destination, byte[] table)
    {
        CheckLength(source.Length, destination.Length);
        destination = destination[..source.Length];
        ReadOnlySpan<byte> lookup = table.AsSpan(0, 256);
        for (int i = 0; i < source.Length; i++)
            destination[i] = lookup[source[i]];
    }

    private static void CheckLength(int sourceLength, int destinationLength)
    {
        if (destinationLength < sourceLength)
            throw new ArgumentException($"Destination holds {destinationLength} samples, source has {sourceLength}.", "destination");
    }

    private static short DecodeMuLawFormula(byte code)
    {
        int u = ~code & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (short)((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
    }

    private static short DecodeALawFormula(byte code)
    {
        int a = code ^ 0x55;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        // Half-step offset puts the output in the middle of the quantisation interval (ITU-T G.711 table 1a).
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (short)((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static short[] BuildDecodeTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (int i = 0; i < 256; i++)
            table[i] = decode((byte)i);
        return table;
    }

    private static byte[] BuildTranscodeTable(short[] decode, Func<short, byte> encode)
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
            table[i] = encode(decode[i]);
        return table;
    }
}
