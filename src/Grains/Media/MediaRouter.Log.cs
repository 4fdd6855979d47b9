using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Media;

public sealed partial class MediaRouter
{
    // EventIds 2285-2289: media router.
    [LoggerMessage(EventId = 2285, Level = LogLevel.Warning, Message = "Media node {NodeId} failed to allocate an endpoint for call {CallId}; trying another node")]
    private partial void LogAllocationFailed(string nodeId, string callId, Exception exception);

    [LoggerMessage(EventId = 2286, Level = LogLevel.Warning, Message = "Media node {NodeId} is full for call {CallId}: {Reason}; trying another node")]
    private partial void LogNodeFull(string nodeId, string callId, string reason);

    [LoggerMessage(EventId = 2287, Level = LogLevel.Warning, Message = "The media directory could not be read; routing with the last known nodes")]
    private partial void LogDirectoryUnreachable(Exception exception);
}
