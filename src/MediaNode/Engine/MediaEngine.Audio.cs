using Pbx.Grains.Media;
using Pbx.MediaNode.Hosting;
using Pbx.MediaNode.Playback;
using Pbx.MediaNode.Recording;

namespace Pbx.MediaNode.Engine;

/// <summary>Prompts, tones, recordings and conferences: control operations and their share of the media clock.</summary>
public sealed partial class MediaEngine
{
    private readonly Dictionary<string, Conference> _conferences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallRecording> _recordings = new(StringComparer.Ordinal);
    private Conference[] _conferenceTickList = [];
    private CallRecording[] _recordingTickList = [];

    /// <inheritdoc />
    public Task PlayAsync(string endpointId, PlaybackRequest request)
    {
        MediaEndpoint endpoint;
        lock (_control)
            endpoint = Get(endpointId);
        IAudioSource source;
        try
        {
            source = OpenSource(request);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogPromptFailed(e, endpointId, request.Prompt);
            endpoint.Notify(events => events.OnPlaybackCompletedAsync(new PlaybackCompleted(endpointId, request.PlaybackId, PlaybackOutcome.Failed)));
            return Task.CompletedTask;
        }
        if (endpoint.StartPlayback(new ActivePlayback(request, source)) is { } replaced)
            CompletePlayback(endpoint, replaced, PlaybackOutcome.Stopped);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopPlaybackAsync(string endpointId)
    {
        MediaEndpoint endpoint;
        lock (_control)
            endpoint = Get(endpointId);
        StopPlayback(endpoint);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string> StartRecordingAsync(RecordingRequest request)
    {
        if (request.RecordingId.Length == 0 || !request.RecordingId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"recording id '{request.RecordingId}' must be letters, digits, '-' or '_' (it names the file)", nameof(request));
        Directory.CreateDirectory(Options.RecordingsDirectory);
        var path = Path.GetFullPath(Path.Combine(Options.RecordingsDirectory, request.RecordingId + ".wav"));
        lock (_control)
        {
            if (_recordings.ContainsKey(request.RecordingId))
                throw new InvalidOperationException($"recording {request.RecordingId} is already running");
            var left = Get(request.EndpointId);
            var right = request.OtherEndpointId is { } other ? Get(other) : null;
            var recording = new CallRecording(request.RecordingId, left, right, new WavRecorder(path, right is null ? 1 : 2));
            left.AddCaptureUser();
            right?.AddCaptureUser();
            _recordings.Add(recording.Id, recording);
            _recordingTickList = [.. _recordings.Values];
        }
        LogRecordingStarted(request.RecordingId, path);
        return Task.FromResult(path);
    }

    /// <inheritdoc />
    public Task StopRecordingAsync(string recordingId)
    {
        CallRecording? recording;
        lock (_control)
        {
            if (!_recordings.TryGetValue(recordingId, out recording))
                return Task.CompletedTask;
            EndRecording(recording);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task JoinConferenceAsync(string conferenceId, string endpointId)
    {
        lock (_control)
        {
            var endpoint = Get(endpointId);
            if (endpoint.Conference?.Id == conferenceId)
                return Task.CompletedTask;
            Leave(endpoint);
            Unbridge(endpoint);
            if (!_conferences.TryGetValue(conferenceId, out var conference))
            {
                conference = new Conference(conferenceId);
                _conferences.Add(conferenceId, conference);
                _conferenceTickList = [.. _conferences.Values];
            }
            lock (endpoint.AudioSync)
            {
                endpoint.Conference = conference;
                // The mix owns the leg's send stream from now on.
                endpoint.AcceptsRelay = false;
            }
            endpoint.AddCaptureUser();
            conference.Join(endpoint);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task LeaveConferenceAsync(string endpointId)
    {
        lock (_control)
            Leave(Get(endpointId));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetConferenceMuteAsync(string endpointId, bool muted)
    {
        lock (_control)
        {
            var endpoint = Get(endpointId);
            var conference = endpoint.Conference
                ?? throw new InvalidOperationException($"endpoint {endpointId} is in no conference: join one before muting");
            conference.SetMuted(endpoint, muted);
        }
        return Task.CompletedTask;
    }

    /// <summary>Disposes an ended playback and tells the observer why it ended.</summary>
    internal void CompletePlayback(MediaEndpoint endpoint, ActivePlayback playback, PlaybackOutcome outcome)
    {
        playback.Dispose();
        var completed = new PlaybackCompleted(endpoint.Id, playback.Request.PlaybackId, outcome);
        endpoint.Notify(events => events.OnPlaybackCompletedAsync(completed));
    }

    private void StopPlayback(MediaEndpoint endpoint)
    {
        if (endpoint.EndPlayback() is { } ended)
            CompletePlayback(endpoint, ended, PlaybackOutcome.Stopped);
    }

    /// <summary>Takes the leg out of its conference and every recording of it (control lock held), before release.</summary>
    private void DetachAudio(MediaEndpoint endpoint)
    {
        StopPlayback(endpoint);
        Leave(endpoint);
        // Most legs are never recorded: no search, and no list built, for them.
        if (_recordings.Count == 0)
            return;
        foreach (var recording in _recordings.Values.Where(r => r.Left == endpoint || r.Right == endpoint).ToList())
            EndRecording(recording);
    }

    /// <summary>Stops a recording (control lock held) and completes its file.</summary>
    private void EndRecording(CallRecording recording)
    {
        _recordings.Remove(recording.Id);
        _recordingTickList = [.. _recordings.Values];
        recording.Left.RemoveCaptureUser();
        recording.Right?.RemoveCaptureUser();
        recording.Close();
        LogRecordingStopped(recording.Id, recording.Path);
    }

    private void Leave(MediaEndpoint endpoint)
    {
        if (endpoint.Conference is not { } conference)
            return;
        conference.Leave(endpoint);
        endpoint.RemoveCaptureUser();
        lock (endpoint.AudioSync)
        {
            endpoint.Conference = null;
            endpoint.AcceptsRelay = true;
        }
        if (conference.Count == 0)
        {
            _conferences.Remove(conference.Id);
            _conferenceTickList = [.. _conferences.Values];
        }
    }

    private IAudioSource OpenSource(PlaybackRequest request)
    {
        if (request.Prompt is { } prompt)
        {
            var file = new WavFileSource(Path.Combine(Options.PromptsDirectory, prompt));
            return request.Loop ? new LoopingSource(file) : file;
        }
        // Tones repeat their cadence until stopped.
        var plan = TonePlans.Find(Options.TonePlan)!;
        return request.Tone switch
        {
            MediaTone.Ringback => new ToneSource(plan.Ringback),
            MediaTone.Busy => new ToneSource(plan.Busy),
            MediaTone.Congestion => new ToneSource(plan.Congestion),
            _ => throw new ArgumentException($"playback {request.PlaybackId} names neither a prompt nor a tone", nameof(request)),
        };
    }

    /// <summary>The audio part of a clock tick: capture, then recordings and conferences, then DTMF keys, prompts and tones.</summary>
    private void AudioTick(MediaEndpoint[] endpoints)
    {
        foreach (var endpoint in endpoints)
            endpoint.CaptureTick();
        foreach (var recording in _recordingTickList)
        {
            try
            {
                recording.Tick();
            }
            catch (IOException e)
            {
                // A full disk loses the recording, not the call.
                LogRecordingFailed(e, recording.Id);
            }
        }
        foreach (var conference in _conferenceTickList)
            conference.Tick();
        foreach (var endpoint in endpoints)
        {
            // Keys being sent pause the prompt: it resumes where it was once they are out.
            if (!endpoint.DtmfTick())
                endpoint.PlaybackTick();
        }
    }
}
