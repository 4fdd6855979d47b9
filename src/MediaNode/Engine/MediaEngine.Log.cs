using System.Net;
using Microsoft.Extensions.Logging;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Engine;

public sealed partial class MediaEngine
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Allocated endpoint {EndpointId} for call {CallId} on RTP port {RtpPort}")]
    private partial void LogAllocated(string endpointId, string callId, int rtpPort);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "No RTP port pair left for call {CallId}: all {Capacity} pairs in use")]
    private partial void LogPortsExhausted(string callId, int capacity);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Endpoint {EndpointId} negotiated {Codec} {Direction} toward {Remote}")]
    private partial void LogNegotiated(string endpointId, string codec, MediaDirection direction, IPEndPoint? remote);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Bridged {EndpointA} ({CodecA}) with {EndpointB} ({CodecB})")]
    private partial void LogBridged(string endpointA, string endpointB, string? codecA, string? codecB);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Released endpoint {EndpointId} of call {CallId}")]
    private partial void LogReleased(string endpointId, string callId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Media clock work for endpoint {EndpointId} failed")]
    private partial void LogTickFailed(Exception exception, string endpointId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Media clock audio step failed")]
    private partial void LogAudioTickFailed(Exception exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Prompt {Prompt} for endpoint {EndpointId} cannot be played")]
    private partial void LogPromptFailed(Exception exception, string endpointId, string? prompt);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Recording {RecordingId} started to {Path}")]
    private partial void LogRecordingStarted(string recordingId, string path);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Recording {RecordingId} completed in {Path}")]
    private partial void LogRecordingStopped(string recordingId, string path);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Error, Message = "Recording {RecordingId} could not be written")]
    private partial void LogRecordingFailed(Exception exception, string recordingId);
}
