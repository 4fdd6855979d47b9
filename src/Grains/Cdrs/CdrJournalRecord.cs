using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;
using Pbx.Data.Cdrs;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// The local journal's record format: a 4-byte payload length and the payload's CRC-32C (both little-endian), then the
/// write as UTF-8 JSON (<see cref="CdrWrite"/>'s "type" discriminator first). A crash can tear only the last append: its
/// length or checksum no longer match, so a reader stops there, and nothing in a torn append was ever acknowledged.
/// </summary>
public static class CdrJournalRecord
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderBytes = 8;

    /// <summary>A longer payload is a damaged length field: a CDR write is a few hundred bytes, with its history a few KB.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    /// <summary>Appends <paramref name="write"/> as one record.</summary>
    public static void Write(CdrWrite write, ArrayBufferWriter<byte> output)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(write, Json);
        var header = output.GetSpan(HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32C(payload));
        output.Advance(HeaderBytes);
        output.Write(payload);
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="buffer"/>. <see cref="JournalRead.Incomplete"/>: the buffer ends
    /// inside it (read more, or at the end of the file: a torn append); <see cref="JournalRead.Damaged"/>: the length or
    /// checksum is wrong. Nothing is consumed unless a record is returned.
    /// </summary>
    public static JournalRead TryRead(ReadOnlySpan<byte> buffer, out ReadOnlySpan<byte> payload, out int consumed)
    {
        payload = default;
        consumed = 0;
        if (buffer.Length < HeaderBytes)
            return JournalRead.Incomplete;
        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        if (length is <= 0 or > MaxPayloadBytes)
            return JournalRead.Damaged;
        if (buffer.Length < HeaderBytes + length)
            return JournalRead.Incomplete;
        var candidate = buffer.Slice(HeaderBytes, length);
        if (Crc32C(candidate) != BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]))
            return JournalRead.Damaged;
        payload = candidate;
        consumed = HeaderBytes + length;
        return JournalRead.Record;
    }

    /// <summary>The write a record's payload holds.</summary>
    /// <exception cref="JsonException">The payload is no CDR write this version knows.</exception>
    public static CdrWrite Decode(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<CdrWrite>(payload, Json) ?? throw new JsonException("a journal record holds null");

    /// <summary>CRC-32C (Castagnoli), with the CPU's instruction where it has one.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (var b in data)
            crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
