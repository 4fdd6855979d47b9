using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Transport;

public sealed partial class SipTransportSet
{
    [LoggerMessage(3200, LogLevel.Information, "SIP listening on {Transport} {EndPoint}")]
    private partial void LogListening(string transport, string endPoint);

    [LoggerMessage(3201, LogLevel.Warning, "TCP accept failed")]
    private partial void LogAcceptFailed(Exception exception);
}
