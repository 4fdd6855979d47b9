using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Trunks;

public sealed partial class TrunkRegistrationService
{
    // EventIds 3200-3219: EdgeSip trunk registration.
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Trunk {TrunkId}: registering via {Destination}")]
    private partial void LogStarted(string trunkId, string destination);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Trunk {TrunkId}: not registered; the edge needs its HA1 (store it with a known realm)")]
    private partial void LogNoUsableSecret(string trunkId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Trunk {TrunkId}: host {Host} does not resolve: {Reason}")]
    private partial void LogUnresolvable(string trunkId, string host, string reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Trunk {TrunkId}: could not report why it is not registered to its grain")]
    private partial void LogReportFailed(string trunkId, Exception exception);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Reading the trunks to register failed; keeping the running registrations")]
    private partial void LogDirectoryFailed(Exception exception);
}
