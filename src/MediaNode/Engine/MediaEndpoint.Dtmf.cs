using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Engine;

/// <summary>
/// Keys sent to the leg (RFC 4733 or in-band). While keys go out they own the send stream: relayed audio, prompts and the
/// conference mix wait, so the far end hears the keys alone and one writer numbers the packets.
/// </summary>
internal sealed partial class MediaEndpoint
{
    private readonly Queue<DtmfSending> _dtmf = new();
    private byte[]? _dtmfPacket;
    private volatile bool _sendingDtmf;

    /// <summary>Queues keys behind any still being sent; the task completes when they are out or the leg is released.</summary>
    public Task SendDtmf(string digits)
    {
        var sending = new DtmfSending(digits);
        lock (AudioSync)
        {
            _dtmf.Enqueue(sending);
            _sendingDtmf = true;
        }
        _engine.RefreshAudioWork(this);
        LogDtmfQueued(Id, digits.Length);
        return sending.Completion.Task;
    }

    /// <summary>Clock, before playback: sends this tick's key packet; true while keys own the send stream.</summary>
    public bool DtmfTick()
    {
        if (!_sendingDtmf)
            return false;
        DtmfSending? finished = null;
        lock (AudioSync)
        {
            if (!_dtmf.TryPeek(out var sending))
                return false;
            if (_media is { } media)
            {
                var packet = _dtmfPacket ??= new byte[RtpPacket.HeaderSize + RtpFrame.Samples];
                var length = sending.Tick(packet, media, _g722, SendStream);
                if (length > 0)
                    SendGenerated(packet.AsSpan(0, length));
            }
            if (sending.Finished)
            {
                finished = _dtmf.Dequeue();
                // The next writer (relay, prompt, mix) rebases onto the stream, so sequence and timestamp run on.
                _sendingDtmf = _dtmf.Count > 0;
            }
        }
        if (finished is not null)
        {
            _engine.RefreshAudioWork(this);
            finished.Completion.TrySetResult();
        }
        return true;
    }

    /// <summary>Completes the keys not yet sent when the leg goes away: there is no one left to send them to.</summary>
    private void AbandonDtmf()
    {
        DtmfSending[] pending;
        lock (AudioSync)
        {
            pending = [.. _dtmf];
            _dtmf.Clear();
            _sendingDtmf = false;
        }
        _engine.RefreshAudioWork(this);
        foreach (var sending in pending)
            sending.Completion.TrySetResult();
    }
}
