using Pbx.Grains.Media;

namespace Pbx.MediaNode.Engine;

public sealed partial class MediaEngine
{
    /// <inheritdoc />
    public Task PlayAsync(string endpointId, PlaybackRequest request) => throw new NotSupportedException("playback arrives with the media-dsp merge");

    /// <inheritdoc />
    public Task StopPlaybackAsync(string endpointId) => throw new NotSupportedException("playback arrives with the media-dsp merge");

    /// <inheritdoc />
    public Task<string> StartRecordingAsync(RecordingRequest request) => throw new NotSupportedException("recording arrives with the media-dsp merge");

    /// <inheritdoc />
    public Task StopRecordingAsync(string recordingId) => throw new NotSupportedException("recording arrives with the media-dsp merge");

    /// <inheritdoc />
    public Task JoinConferenceAsync(string conferenceId, string endpointId) => throw new NotSupportedException("conferences arrive with the media-dsp merge");

    /// <inheritdoc />
    public Task LeaveConferenceAsync(string endpointId) => throw new NotSupportedException("conferences arrive with the media-dsp merge");

    /// <inheritdoc />
    public Task SetConferenceMuteAsync(string endpointId, bool muted) => throw new NotSupportedException("conferences arrive with the media-dsp merge");
}
