using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Transactions;

public sealed partial class SipTransactionLayer
{
    [LoggerMessage(3100, LogLevel.Debug, "Retransmitted {Method} absorbed by transaction {Key}")]
    internal partial void LogRetransmission(string method, string key);

    [LoggerMessage(3101, LogLevel.Debug, "Response {Status} matches no client transaction (Call-ID {CallId}); dropped")]
    internal partial void LogStrayResponse(int status, string? callId);

    [LoggerMessage(3102, LogLevel.Warning, "Response {Status} to {Method} ignored: transaction {Key} already sent its final response")]
    internal partial void LogResponseAfterFinal(int status, string method, string key);

    [LoggerMessage(3103, LogLevel.Information, "No ACK for the final response of transaction {Key} within 64*T1 (timer H)")]
    internal partial void LogAckTimeout(string key);

    [LoggerMessage(3104, LogLevel.Warning, "Send to {Destination} failed")]
    internal partial void LogSendFailed(string destination, Exception exception);
}
