using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Dtmf;
using Pbx.MediaNode.Playback;
using Pbx.MediaNode.Rtp;
using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Engine;

/// <summary>
/// Keys being sent to one leg, one packet per tick of the media clock. Each key takes <see cref="KeyTicks"/> ticks: a
/// 100 ms press, then a 60 ms pause, the timing of ITU-T Q.23 dialling (at least 40 ms of tone and 40 ms between keys).
/// A leg that negotiated telephone-event gets RFC 4733 events, one packet per 20 ms with the duration so far and the end
/// three times (section 2.5.1); any other leg gets the key's two frequencies as audio in its codec, then silence.
/// </summary>
internal sealed class DtmfSending
{
    /// <summary>Ticks the key is down: 100 ms.</summary>
    public const int PressTicks = 5;

    /// <summary>Ticks per key, press and pause: 160 ms.</summary>
    public const int KeyTicks = 8;

    private static readonly TimeSpan Press = MediaEngine.FramePeriod * PressTicks;

    // Level of each of the two tones: -10 dBm0, well above the -32 dBm0 a receiver must accept (Q.24).
    private const double ToneLevelDbm0 = -10;

    private readonly string _digits;
    private readonly TelephoneEventPacket[] _events = new TelephoneEventPacket[TelephoneEventSender.PacketCount(Press, MediaEngine.FramePeriod)];
    private readonly short[] _samples = new short[RtpFrame.Samples];
    private ToneSource? _tone;
    private int _key;
    private int _tick;

    /// <param name="digits">Keys to send, already checked against <see cref="DtmfDigits.All"/>.</param>
    public DtmfSending(string digits)
    {
        _digits = digits;
        Completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completed when the last key has been sent, or when the leg goes away first.</summary>
    public TaskCompletionSource Completion { get; }

    /// <summary>True once every key has had its time.</summary>
    public bool Finished => _key == _digits.Length;

    /// <summary>
    /// Writes this tick's packet into <paramref name="packet"/> and returns its length; 0 when nothing goes out this tick
    /// (the press has just begun, or the leg does not send).
    /// </summary>
    /// <param name="packet">Room for one packet.</param>
    /// <param name="media">The leg's negotiated media.</param>
    /// <param name="g722">The leg's G.722 state, for tones to a G.722 leg.</param>
    /// <param name="stream">The leg's send stream.</param>
    public int Tick(Span<byte> packet, NegotiatedMedia media, G722Narrowband? g722, RtpSendStream stream)
    {
        var digit = _digits[_key];
        var length = !media.Sends ? 0
            : media.TelephoneEvent is { } telephoneEvent ? WriteEvent(packet, digit, telephoneEvent.PayloadType, stream)
            : WriteTone(packet, digit, media.Codec, g722, stream);
        if (++_tick == KeyTicks)
        {
            _tick = 0;
            _key++;
            _tone = null;
        }
        return length;
    }

    private int WriteEvent(Span<byte> packet, char digit, int payloadType, RtpSendStream stream)
    {
        if (_tick == 0)
        {
            // The key goes down at tick 0; its packets follow at ticks 1..7, each reporting the time since (section 2.5.1.2).
            TelephoneEventSender.Build(digit, Press, 0, _events, updateInterval: MediaEngine.FramePeriod);
            return 0;
        }
        var planned = _events[_tick - 1];
        planned.Event.Write(packet[RtpPacket.HeaderSize..]);
        // Tick 0 sent nothing, so the first packet of a key comes two frames after the previous one.
        var advance = (_tick == 1 ? 2 : 1) * RtpFrame.Samples;
        stream.GenerateEvent(packet, payloadType, this, planned.Marker, advance, _tick * RtpFrame.Samples, TelephoneEvent.Size);
        return RtpPacket.HeaderSize + TelephoneEvent.Size;
    }

    private int WriteTone(Span<byte> packet, char digit, SdpFormat codec, G722Narrowband? g722, RtpSendStream stream)
    {
        if (_tick == 0)
        {
            var (row, column) = DtmfDigits.Frequencies(digit);
            _tone = ToneSource.DualTone(row, column, Press, ToneLevelDbm0);
        }
        var samples = _samples.AsSpan();
        var read = _tone?.Read(samples) ?? 0;
        // The pause is sent as silence, so the stream runs on without a gap the far end's jitter buffer would notice.
        samples[read..].Clear();
        AudioTranscoder.Encode(codec, g722, samples, packet[RtpPacket.HeaderSize..]);
        stream.Generate(packet, codec.PayloadType, this, samples.Length, samples.Length);
        return RtpPacket.HeaderSize + samples.Length;
    }
}
