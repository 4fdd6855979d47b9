using System.Net;
using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Auth;

public sealed partial class SourceLockoutTable
{
    // Security events: EventIds 3100-3149 (EdgeSip authentication).
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning,
        Message = "Security: SIP source {Address} locked out for {LockoutDuration} after {MaxFailures} failed digest logins")]
    private partial void LogAddressLockedOut(IPAddress address, int maxFailures, TimeSpan lockoutDuration);
}
