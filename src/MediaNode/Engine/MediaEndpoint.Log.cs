using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Pbx.MediaNode.Engine;

internal sealed partial class MediaEndpoint
{
    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Endpoint {EndpointId} latched onto {Source}")]
    private partial void LogLatched(string endpointId, EndPoint source);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "Endpoint {EndpointId} could not send: {Error}")]
    private partial void LogSendFailed(string endpointId, SocketError error);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Debug, Message = "Endpoint {EndpointId} receive error {Error}")]
    private partial void LogReceiveFailed(string endpointId, SocketError error);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Endpoint {EndpointId} failed to handle a packet")]
    private partial void LogPacketFailed(Exception exception, string endpointId);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "Endpoint {EndpointId} of call {CallId} received no RTP for {Silence}")]
    private partial void LogMediaTimeout(string endpointId, string callId, TimeSpan silence);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Debug, Message = "Endpoint {EndpointId} received DTMF {Digit} (in-band {InBand})")]
    private partial void LogDigit(string endpointId, char digit, bool inBand);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning, Message = "Observer of endpoint {EndpointId} failed to take an event")]
    private partial void LogObserverFailed(Exception exception, string endpointId);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Debug, Message = "Endpoint {EndpointId} queued {Count} DTMF key(s) to send")]
    private partial void LogDtmfQueued(string endpointId, int count);
}
