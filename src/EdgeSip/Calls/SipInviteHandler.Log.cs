using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Auth;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipInviteHandler
{
    // EventIds 1310-1319: call setup at the edge.
    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "INVITE from extension {Extension} at {SourceAddress} failed authentication: {Verdict}")]
    private partial void LogAuthFailed(string extension, string sourceAddress, DigestVerdict verdict);
}
