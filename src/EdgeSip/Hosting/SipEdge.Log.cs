using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Hosting;

public sealed partial class SipEdge
{
    [LoggerMessage(3000, LogLevel.Information, "Malformed SIP message from {Source}: {Reason} near '{Excerpt}'")]
    private partial void LogMalformed(string source, string reason, string excerpt);

    [LoggerMessage(3001, LogLevel.Information, "{Method} from {Source} refused: {Reason}")]
    private partial void LogRejected(string source, string method, string reason);

    [LoggerMessage(3002, LogLevel.Error, "Handler for {Method} failed (Call-ID {CallId})")]
    private partial void LogHandlerFailed(string method, string? callId, Exception exception);

    [LoggerMessage(3003, LogLevel.Warning, "Processing {Method} from {Source} failed")]
    private partial void LogProcessingFailed(string source, string method, Exception exception);

    [LoggerMessage(3009, LogLevel.Warning, "{Method} (Call-ID {CallId}) answered 503: the cluster is not reachable right now ({Reason})")]
    private partial void LogClusterUnavailable(string method, string? callId, string reason);

    [LoggerMessage(3004, LogLevel.Warning, "Send to {Destination} failed")]
    private partial void LogSendFailed(string destination, Exception exception);
}
