using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Transactions;

/// <summary>Log messages of the transaction layer (EventIds 3100-3199).</summary>
internal sealed partial class SipTransactionLayerLog(ILogger logger)
{
    [LoggerMessage(3100, LogLevel.Debug, "Retransmitted {Method} absorbed by transaction {Key}")]
    public partial void Retransmission(string method, string key);

    [LoggerMessage(3101, LogLevel.Debug, "Response {Status} matches no client transaction (Call-ID {CallId}); dropped")]
    public partial void StrayResponse(int status, string? callId);

    [LoggerMessage(3102, LogLevel.Warning, "Response {Status} to {Method} ignored: transaction {Key} already sent its final response")]
    public partial void ResponseAfterFinal(int status, string method, string key);

    [LoggerMessage(3103, LogLevel.Information, "No ACK for the final response of transaction {Key} within 64*T1 (timer H)")]
    public partial void AckTimeout(string key);

    [LoggerMessage(3104, LogLevel.Warning, "Send to {Destination} failed")]
    public partial void SendFailed(string destination, Exception exception);
}
