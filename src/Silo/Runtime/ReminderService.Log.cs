using Microsoft.Extensions.Logging;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

internal sealed partial class ReminderService
{
    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Reminder {Reminder} of grain {GrainId} failed; the next tick is still scheduled")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string reminder, GrainId grainId);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Error, Message = "Reading due reminders failed; retrying at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
