using System.Globalization;
using System.Text;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Transactions;

/// <summary>Builds responses and ACKs from the requests they answer (RFC 3261 8.2.6, 17.1.1.3).</summary>
public static class SipResponseFactory
{
    /// <summary>
    /// A response to <paramref name="request"/>: Via, From, Call-ID and CSeq copied, To copied with <paramref name="toTag"/>
    /// added when it has none (RFC 3261 8.2.6.2; never on 100 Trying). The top Via gets "received" and "rport" filled with
    /// the packet's source (RFC 3581 4, applied even without rport so NATed phones are always reached).
    /// </summary>
    public static SipResponse Create(SipRequest request, int statusCode, string reasonPhrase, string? toTag, SipEndPoint? source)
    {
        var response = new SipResponse(statusCode, reasonPhrase);
        var first = true;
        foreach (var via in request.GetAll(SipHeaderId.Via))
        {
            response.Add(SipHeaderId.Via, first && source is not null ? StampTopVia(via, source) : via);
            first = false;
        }
        CopyAll(request, response, SipHeaderId.From);
        var to = request.Get(SipHeaderId.To);
        if (to is not null)
        {
            var needsTag = statusCode > 100 && toTag is not null && request.To?.Tag is null;
            response.Add(SipHeaderId.To, needsTag ? $"{to};tag={toTag}" : to);
        }
        CopyAll(request, response, SipHeaderId.CallId);
        CopyAll(request, response, SipHeaderId.CSeq);
        return response;
    }

    /// <summary>RFC 3261 17.1.1.3: the ACK for a non-2xx final response, sent by the INVITE client transaction itself.</summary>
    public static SipRequest CreateAck(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequest("ACK", invite.RequestUri);
        var vias = invite.GetAll(SipHeaderId.Via);
        if (vias.Count > 0)
            ack.Add(SipHeaderId.Via, FirstValue(vias[0]));
        ack.Add(SipHeaderId.MaxForwards, "70");
        CopyAll(invite, ack, SipHeaderId.From);
        CopyAll(response, ack, SipHeaderId.To);
        CopyAll(invite, ack, SipHeaderId.CallId);
        ack.Add(SipHeaderId.CSeq, $"{invite.CSeq?.Number.ToString(CultureInfo.InvariantCulture)} ACK");
        CopyAll(invite, ack, SipHeaderId.Route);
        return ack;
    }

    /// <summary>A fresh To tag or branch suffix: 64 random bits in hex.</summary>
    public static string NewTag() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    private static void CopyAll(SipMessage from, SipMessage to, SipHeaderId id)
    {
        foreach (var value in from.GetAll(id))
            to.Add(id, value);
    }

    private static string StampTopVia(string viaLine, SipEndPoint source)
    {
        // Only the first value of a comma list is ours to stamp.
        var top = FirstValue(viaLine);
        var rest = viaLine[top.Length..];
        var vias = new List<SipVia>(1);
        SipVia.ReadAll(Encoding.UTF8.GetBytes(top), vias);
        var via = vias[0];
        via.Parameters.Set("received", source.Remote.Address.ToString());
        via.Parameters.Set("rport", source.Remote.Port.ToString(CultureInfo.InvariantCulture));
        return via + rest;
    }

    /// <summary>The first value of a comma-separated header line (commas inside quoted strings do not count).</summary>
    private static string FirstValue(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == ',' && !quoted)
                return line[..i];
        }
        return line;
    }
}
