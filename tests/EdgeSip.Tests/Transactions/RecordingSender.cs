using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Tests.Transactions;

/// <summary>Stands in for the sockets: keeps every message the transaction layer sends, parsed back.</summary>
internal sealed class RecordingSender : ISipSender
{
    private readonly List<SipMessage> _sent = [];

    public IReadOnlyList<SipMessage> Sent
    {
        get
        {
            lock (_sent)
                return [.. _sent];
        }
    }

    public IReadOnlyList<SipResponse> Responses => Sent.OfType<SipResponse>().ToList();

    public IReadOnlyList<SipRequest> Requests => Sent.OfType<SipRequest>().ToList();

    public ValueTask SendAsync(SipEndPoint destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        lock (_sent)
            _sent.Add(SipMessageParser.ParseDatagram(message.Span));
        return ValueTask.CompletedTask;
    }
}
