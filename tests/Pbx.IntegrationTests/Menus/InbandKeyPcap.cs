using System.Buffers.Binary;
using Pbx.Audio;

namespace Pbx.IntegrationTests.Menus;

/// <summary>
/// A capture sipp can play (<c>play_pcap_audio</c>) of a caller pressing a key in-band: A-law RTP every 20 ms carrying
/// silence, the key's two tones (ITU-T Q.23) for 200 ms, then silence, as a phone without telephone-event sends it.
/// </summary>
internal static class InbandKeyPcap
{
    private const int Rate = 8000;
    private const int SamplesPerPacket = 160;
    private const int Headers = 14 + 20 + 8 + 12;

    private static readonly Dictionary<char, (int Low, int High)> Tones = new()
    {
        ['1'] = (697, 1209), ['2'] = (697, 1336), ['3'] = (697, 1477), ['5'] = (770, 1336), ['9'] = (852, 1477), ['0'] = (941, 1336),
    };

    /// <summary>Writes the capture of <paramref name="key"/> pressed after <paramref name="before"/> of silence to <paramref name="path"/>.</summary>
    public static void Write(string path, char key, TimeSpan before)
    {
        var (low, high) = Tones[key];
        var silence = (int)(before.TotalSeconds * Rate);
        var samples = new short[silence + Rate / 5 + Rate];
        for (var i = 0; i < Rate / 5; i++)
        {
            var t = (double)i / Rate;
            // About -10 dBm0 per tone: well above the detector's -32 dBm0, and no clipping when the two add up.
            samples[silence + i] = (short)(3000 * (Math.Sin(2 * Math.PI * low * t) + Math.Sin(2 * Math.PI * high * t)));
        }
        using var file = File.Create(path);
        file.Write(GlobalHeader());
        for (var packet = 0; packet * SamplesPerPacket < samples.Length; packet++)
            file.Write(Packet(packet, samples.AsSpan(packet * SamplesPerPacket, SamplesPerPacket)));
    }

    private static byte[] GlobalHeader()
    {
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1); // Ethernet
        return header;
    }

    private static byte[] Packet(int index, ReadOnlySpan<short> audio)
    {
        var length = Headers + SamplesPerPacket;
        var record = new byte[16 + length];
        var micros = index * 20_000L;
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)length);
        var frame = record.AsSpan(16);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800); // IPv4
        var ip = frame[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + 12 + SamplesPerPacket));
        ip[8] = 64;
        ip[9] = 17; // UDP
        new byte[] { 127, 0, 0, 1 }.CopyTo(ip[12..]);
        new byte[] { 127, 0, 0, 1 }.CopyTo(ip[16..]);
        var udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6002);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + 12 + SamplesPerPacket));
        var rtp = udp[8..];
        rtp[0] = 0x80;
        rtp[1] = 8; // PCMA
        BinaryPrimitives.WriteUInt16BigEndian(rtp[2..], (ushort)index);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[4..], (uint)(index * SamplesPerPacket));
        BinaryPrimitives.WriteUInt32BigEndian(rtp[8..], 0x5eed1234);
        G711.EncodeALaw(audio, rtp[12..]);
        return record;
    }
}
