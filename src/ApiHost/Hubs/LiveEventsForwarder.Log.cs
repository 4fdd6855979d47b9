namespace Pbx.ApiHost.Hubs;

internal sealed partial class LiveEventsForwarder
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "No live event stream in this host (no silo role): the live hub stays quiet")]
    private partial void LogNoLiveEvents();

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "The live hub fell behind and dropped {Count} events; consoles may show stale state until the next change")]
    private partial void LogDropped(long count);
}
