using Pbx.Grains.Media;
using Pbx.MediaNode.Dtmf;
using Pbx.MediaNode.Rtp;
using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Engine;

/// <summary>Decoded audio of a leg: capture for mixing and recording, DTMF detection, prompts and mixes sent to it.</summary>
internal sealed partial class MediaEndpoint
{
    // Audio buffers are created on first use: most legs are only relayed and never decode, which keeps a call's memory small.
    private readonly short[] _tickFrame = new short[RtpFrame.Samples];
    private volatile InboundAudio? _inbound;
    private short[]? _decoded;
    private short[]? _playFrame;
    private byte[]? _generated;
    // The key detectors too, on the receive loop that alone uses them: a relayed leg with RFC 4733 never needs the in-band one.
    private TelephoneEventReceiver? _telephoneEvents;
    private InbandDtmfDetector? _inbandDtmf;
    private uint _eventSsrc;
    private int _captureUsers;
    private volatile bool _capturing;
    private bool _hasTickFrame;
    private ActivePlayback? _playback;

    /// <summary>Protects playback and conference membership between the control path and the media clock.</summary>
    public Lock AudioSync { get; } = new();

    /// <summary>The conference the leg is in, or null.</summary>
    public Conference? Conference { get; set; }

    /// <summary>
    /// Whether the media clock has audio work for the leg in every tick: capture for a conference or recording, a prompt or
    /// tone to send, keys to send. In-band DTMF detection runs on the receive loop and needs no tick. Whatever changes one
    /// of these calls <see cref="MediaEngine.RefreshAudioWork"/> afterwards.
    /// </summary>
    public bool NeedsAudioTick => !_released && (_capturing || _sendingDtmf || Volatile.Read(ref _playback) is not null);

    /// <summary>What the leg said during the current tick, or null when nothing arrived.</summary>
    public short[]? TickFrame => _hasTickFrame ? _tickFrame : null;

    /// <summary>Counts a user of the leg's decoded audio (recording, conference); decoding runs only while there is one.</summary>
    public void AddCaptureUser()
    {
        if (++_captureUsers == 1)
        {
            if (_inbound is { } inbound)
                inbound.Clear();
            else
                _inbound = new InboundAudio();
            // The clock stopped refreshing the frame when capture last ended: a frame from then must not be mixed now.
            _hasTickFrame = false;
            _capturing = true;
            _engine.RefreshAudioWork(this);
        }
    }

    public void RemoveCaptureUser()
    {
        if (--_captureUsers == 0)
        {
            _capturing = false;
            _engine.RefreshAudioWork(this);
        }
    }

    /// <summary>Starts <paramref name="playback"/>, replacing and returning the one playing; the caller completes that one.</summary>
    public ActivePlayback? StartPlayback(ActivePlayback playback)
    {
        ActivePlayback? previous;
        lock (AudioSync)
        {
            previous = _playback;
            _playback = playback;
            // Generated audio owns the send stream now; the bridged partner's packets stop until it ends.
            AcceptsRelay = false;
        }
        _engine.RefreshAudioWork(this);
        return previous;
    }

    /// <summary>
    /// Ends the playing playback if it is <paramref name="expected"/> (any when null) and returns it, so exactly one
    /// of the clock, a DTMF key or the control path completes a playback.
    /// </summary>
    public ActivePlayback? EndPlayback(ActivePlayback? expected = null)
    {
        ActivePlayback? current;
        lock (AudioSync)
        {
            current = _playback;
            if (current is null || expected is not null && !ReferenceEquals(current, expected))
                return null;
            _playback = null;
            AcceptsRelay = Conference is null;
        }
        _engine.RefreshAudioWork(this);
        return current;
    }

    /// <summary>Clock, first step of a tick: takes the frame received for this tick, if capture is on.</summary>
    public void CaptureTick() => _hasTickFrame = _capturing && _inbound is { } inbound && inbound.TryTake(_tickFrame);

    /// <summary>Clock: sends the next frame of the playing prompt or tone; reports it finished when the source ends.</summary>
    public void PlaybackTick()
    {
        ActivePlayback? playback;
        lock (AudioSync)
        {
            playback = _playback;
            if (playback is null)
                return;
            var frame = _playFrame ??= new short[RtpFrame.Samples];
            var read = playback.Source.Read(frame);
            if (read > 0)
            {
                frame.AsSpan(read).Clear();
                SendAudio(frame, playback);
                return;
            }
        }
        if (EndPlayback(playback) is { } ended)
            _engine.CompletePlayback(this, ended, PlaybackOutcome.Finished);
    }

    /// <summary>Clock: sends this member's conference mix, unless a prompt plays to the member.</summary>
    public void SendMix(ReadOnlySpan<short> mix, Conference conference)
    {
        if (_playback is null && !_sendingDtmf)
            SendAudio(mix, conference);
    }

    private void SendAudio(ReadOnlySpan<short> samples, object source)
    {
        var media = _media;
        if (media is null || !media.Sends)
            return;
        var packet = (_generated ??= new byte[RtpPacket.HeaderSize + RtpFrame.Samples]).AsSpan();
        AudioTranscoder.Encode(media.Codec, _g722, samples, packet[RtpPacket.HeaderSize..]);
        SendStream.Generate(packet, media.Codec.PayloadType, source, samples.Length, samples.Length);
        SendGenerated(packet[..(RtpPacket.HeaderSize + samples.Length)]);
    }

    /// <summary>
    /// Receive loop: decodes the payload when a recording, a conference or in-band DTMF detection needs the audio, and
    /// returns the samples (empty when not decoded) so a transcoding relay does not decode, and advance G.722 state, twice.
    /// </summary>
    private ReadOnlySpan<short> CaptureAudio(ReadOnlySpan<byte> payload, NegotiatedMedia media)
    {
        // In-band detection only for legs without RFC 4733: with it, phones send keys as events and mute the tones.
        var detectInband = media.TelephoneEvent is null;
        if (!_capturing && !detectInband)
            return [];
        var samples = Decode(payload, media);
        if (_capturing && _inbound is { } inbound)
            inbound.Write(samples);
        if (detectInband)
            (_inbandDtmf ??= new InbandDtmfDetector(digit => OnDigit(digit, inBand: true))).Process(samples);
        return samples;
    }

    /// <summary>Receive loop: the payload as 8 kHz samples, in a buffer reused for the next packet.</summary>
    private Span<short> Decode(ReadOnlySpan<byte> payload, NegotiatedMedia media)
    {
        var samples = (_decoded ??= new short[MaxPacketSize]).AsSpan(0, payload.Length);
        AudioTranscoder.Decode(media.Codec, _g722, payload, samples);
        return samples;
    }

    /// <summary>Receive loop: one RFC 4733 packet, reported as a key once however often it is retransmitted (section 2.5.2).</summary>
    private void DetectTelephoneEvent(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> payload)
    {
        var receiver = _telephoneEvents ??= new TelephoneEventReceiver(digit => OnDigit(digit, inBand: false));
        var ssrc = RtpPacket.Ssrc(packet);
        if (ssrc != _eventSsrc)
        {
            receiver.Reset();
            _eventSsrc = ssrc;
        }
        receiver.Accept(RtpPacket.Timestamp(packet), payload);
    }

    private void OnDigit(char digit, bool inBand)
    {
        LogDigit(Id, digit, inBand);
        Notify(events => events.OnDtmfAsync(new DtmfReceived(Id, digit, inBand)));
        if (_playback is { Request.BargeIn: true } playback && EndPlayback(playback) is { } ended)
            _engine.CompletePlayback(this, ended, PlaybackOutcome.BargedIn);
    }
}
