using Microsoft.Extensions.Logging;

namespace Pbx.Silo.Runtime;

internal sealed partial class GrainRuntime
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Collected {Count} idle activations")]
    private static partial void LogCollected(ILogger logger, int count);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Deactivated {Count} activations for shutdown")]
    private static partial void LogStopped(ILogger logger, int count);
}
