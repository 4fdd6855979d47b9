using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Cdrs;

public sealed partial class CdrRecovery
{
    // EventIds 2260-2269: recovery of rows left open by dead silos.
    [LoggerMessage(EventId = 2260, Level = LogLevel.Information, Message = "Closed {Cdrs} CDRs and completed {Recordings} recordings left open by silos that died")]
    private partial void LogRecovered(int cdrs, int recordings);

    [LoggerMessage(EventId = 2261, Level = LogLevel.Warning, Message = "CDR recovery pass failed; the next one tries again")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(EventId = 2262, Level = LogLevel.Warning, Message = "Call {CallId}, left open by a silo that died, did not say whether it is over; asked again next pass")]
    private partial void LogAskFailed(string callId, Exception exception);
}
