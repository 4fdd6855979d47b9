using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Extensions;

public sealed partial class ExtensionGrain
{
    // EventIds 2100-2149: extension grain. 2140+ are security events.
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug,
        Message = "Extension {Extension} binding {Kind}: {Contact} via {Transport} {SourceAddress}:{SourcePort}")]
    private partial void LogBindingChanged(string extension, string kind, string contact, string sourceAddress, int sourcePort, string transport);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Extension {Extension} REGISTER from {SourceAddress} refused: {Result}")]
    private partial void LogRegisterRejected(string extension, RegisterResult result, string sourceAddress);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Extension {Extension} state write failed; retrying")]
    private partial void LogWriteBehindFailed(Exception exception, string extension);

    [LoggerMessage(EventId = 2140, Level = LogLevel.Debug, Message = "Security: failed SIP login for extension {Extension} from {SourceAddress}")]
    private partial void LogAuthFailure(string extension, string sourceAddress);

    [LoggerMessage(EventId = 2141, Level = LogLevel.Warning,
        Message = "Security: extension {Extension} locked out for {LockoutDuration} after {MaxFailures} failed SIP logins, last from {SourceAddress}")]
    private partial void LogExtensionLockedOut(string extension, string sourceAddress, int maxFailures, TimeSpan lockoutDuration);

    [LoggerMessage(EventId = 2142, Level = LogLevel.Information, Message = "Extension {Extension}: SIP lockout lifted by an administrator")]
    private partial void LogUnlocked(string extension);
}
