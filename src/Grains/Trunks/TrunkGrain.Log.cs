using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Trunks;

public sealed partial class TrunkGrain
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Trunk {TrunkId} registered for {Granted}")]
    private partial void LogRegistered(string trunkId, TimeSpan granted);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Warning, Message = "Trunk {TrunkId} registration failed ({Reason}), attempt {Failures}; next in {Backoff}")]
    private partial void LogRegistrationFailed(string trunkId, string reason, int failures, TimeSpan backoff);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Debug, Message = "Trunk {TrunkId}: ignored the outcome of a REGISTER sent with settings of {ConfiguredAt}, changed since")]
    private partial void LogStaleOutcome(string trunkId, DateTimeOffset? configuredAt);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Trunk {TrunkId} refused a call: all {MaxCalls} call slots in use")]
    private partial void LogCallLimit(string trunkId, int maxCalls);
}
