using Pbx.MediaNode.Recording;

namespace Pbx.MediaNode.Engine;

/// <summary>
/// A recording in progress: what one leg (mono) or both legs (stereo, caller left, callee right) said, one frame per
/// tick of the media clock so both channels stay aligned and the file's length is the call's.
/// </summary>
internal sealed class CallRecording(string id, MediaEndpoint left, MediaEndpoint? right, WavRecorder recorder)
{
    private readonly Lock _sync = new();
    private bool _closed;

    public string Id { get; } = id;

    public MediaEndpoint Left { get; } = left;

    public MediaEndpoint? Right { get; } = right;

    public string Path => recorder.Path;

    public void Tick()
    {
        lock (_sync)
        {
            if (_closed)
                return;
            // A leg that sent nothing this tick (lost packet, hold) is recorded as silence, not skipped.
            var left = Left.TickFrame ?? RtpFrame.Silence;
            if (Right is null)
                recorder.Write(left);
            else
                recorder.Write(left, Right.TickFrame ?? RtpFrame.Silence);
        }
    }

    /// <summary>Completes the file (header fixed, renamed from .part).</summary>
    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            recorder.Dispose();
        }
    }
}
