using Pbx.MediaNode.Codecs;

namespace Pbx.Bench;

/// <summary>
/// Carries a call index and a send time in a G.711 payload so they survive PCMU to PCMA transcoding: each 4-bit
/// nibble is written as a mu-law code whose trip through A-law and back is exact, and read back after undoing the law.
/// </summary>
internal static class RtpStamp
{
    public const int Size = 24;

    private static readonly byte[] Codes = FindCodes();
    private static readonly sbyte[] Nibbles = IndexCodes();

    /// <summary>Writes the call index (32 bits) and the timestamp (64 bits) into the first <see cref="Size"/> bytes.</summary>
    public static void Write(Span<byte> payload, int call, long timestamp)
    {
        for (var i = 0; i < 8; i++)
            payload[i] = Codes[(call >> (4 * i)) & 0xF];
        for (var i = 0; i < 16; i++)
            payload[8 + i] = Codes[(int)(timestamp >> (4 * i)) & 0xF];
    }

    /// <summary>Reads a stamp from a payload that arrived as mu-law (<paramref name="alaw"/> false) or A-law.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, bool alaw, out int call, out long timestamp)
    {
        call = 0;
        timestamp = 0;
        if (payload.Length < Size)
            return false;
        for (var i = 0; i < Size; i++)
        {
            var code = alaw ? G711.LinearToMuLaw(G711.ALawToLinear(payload[i])) : payload[i];
            var nibble = Nibbles[code];
            if (nibble < 0)
                return false;
            if (i < 8)
                call |= nibble << (4 * i);
            else
                timestamp |= (long)nibble << (4 * (i - 8));
        }
        return true;
    }

    private static byte[] FindCodes()
    {
        var codes = new List<byte>();
        for (var code = 0; code < 256 && codes.Count < 16; code++)
        {
            var through = G711.LinearToMuLaw(G711.ALawToLinear(G711.LinearToALaw(G711.MuLawToLinear((byte)code))));
            if (through == code)
                codes.Add((byte)code);
        }
        return [.. codes];
    }

    private static sbyte[] IndexCodes()
    {
        var nibbles = new sbyte[256];
        Array.Fill(nibbles, (sbyte)-1);
        for (var i = 0; i < Codes.Length; i++)
            nibbles[Codes[i]] = (sbyte)i;
        return nibbles;
    }
}
