using Microsoft.Extensions.Logging;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

internal sealed partial class ActivationData
{
    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "Activation of grain {GrainId} failed; its queued calls fail with the same exception")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {GrainId} failed ({Reason}); the activation is dropped anyway")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Timer callback of grain {GrainId} failed; the timer keeps running")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, GrainId grainId);
}
