using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Auth;

namespace Pbx.EdgeSip.Registrar;

public sealed partial class SipRegistrar
{
    // EventIds 3150-3199: EdgeSip registrar.
    [LoggerMessage(EventId = 3150, Level = LogLevel.Information, Message = "Security: failed SIP login for {Extension} from {SourceAddress}: {Verdict}")]
    private partial void LogAuthFailed(string extension, string sourceAddress, DigestVerdict verdict);
}
