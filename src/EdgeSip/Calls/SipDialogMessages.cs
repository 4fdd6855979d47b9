using System.Globalization;
using System.Net;
using System.Text;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>Builds the requests the edge sends on a call leg from the dialog data the call grain holds (RFC 3261 12.2.1.1).</summary>
internal static class SipDialogMessages
{
    /// <summary>
    /// The methods a call's dialogs accept (RFC 3261 20.5), for Allow on INVITEs and their responses: those of the call
    /// handlers (<see cref="SipCallsServiceCollectionExtensions.AddSipCalls"/>) and what the edge answers itself.
    /// </summary>
    public const string Allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE, REFER";

    /// <summary>
    /// The early dialog a provisional response with a To tag creates at the UAC (RFC 3261 12.1.2): remote tag and target from
    /// the response, route set from its Record-Route reversed; <paramref name="cseq"/> the CSeq of the next request on it.
    /// </summary>
    public static DialogLeg EarlyDialog(DialogLeg leg, SipResponse response, uint cseq) => leg with
    {
        RemoteTag = response.To?.Tag,
        RemoteTarget = response.Contacts.Count > 0 ? response.Contacts[0].Uri.ToString() : leg.RemoteTarget,
        RouteSet = [.. response.GetAll(SipHeaderId.RecordRoute).Reverse()],
        LocalCSeq = cseq,
    };

    /// <summary>Where requests on the leg go: the peer's observed source address and transport (RFC 3581).</summary>
    public static SipEndPoint Destination(DialogLeg leg) =>
        new(SipTransportNames.Parse(leg.Transport), new IPEndPoint(IPAddress.Parse(leg.Address), leg.Port));

    /// <summary>
    /// A request on the leg: Request-URI = remote target, Route = route set, From/To with the dialog's tags, CSeq =
    /// <paramref name="cseq"/> (RFC 3261 12.2.1.1). No Via: the client transaction adds it.
    /// </summary>
    public static SipRequest Create(string method, DialogLeg leg, uint cseq, string? sdp, string userAgent, string? displayName = null, string? contact = null)
    {
        var request = new SipRequest(method, SipUri.Parse(leg.RemoteTarget));
        foreach (var route in leg.RouteSet)
            request.Add(SipHeaderId.Route, route);
        var from = displayName is null ? $"<{leg.LocalUri}>;tag={leg.LocalTag}" : $"\"{displayName.Replace("\"", "", StringComparison.Ordinal)}\" <{leg.LocalUri}>;tag={leg.LocalTag}";
        var to = leg.RemoteTag is null ? $"<{leg.RemoteUri}>" : $"<{leg.RemoteUri}>;tag={leg.RemoteTag}";
        request.Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, from)
            .Add(SipHeaderId.To, to)
            .Add(SipHeaderId.CallId, leg.CallId)
            .Add(SipHeaderId.CSeq, $"{cseq.ToString(CultureInfo.InvariantCulture)} {(method == "ACK" ? "ACK" : method)}")
            .Add(SipHeaderId.UserAgent, userAgent);
        if (contact is not null)
            request.Add(SipHeaderId.Contact, $"<{contact}>");
        SetSdp(request, sdp);
        return request;
    }

    /// <summary>RFC 3261 9.1: a CANCEL copies the INVITE's Request-URI, top Via (same branch), Call-ID, From, To, Route and CSeq number.</summary>
    public static SipRequest Cancel(SipRequest invite)
    {
        var cancel = new SipRequest("CANCEL", invite.RequestUri);
        cancel.Add(SipHeaderId.Via, invite.GetAll(SipHeaderId.Via)[0]);
        foreach (var route in invite.GetAll(SipHeaderId.Route))
            cancel.Add(SipHeaderId.Route, route);
        cancel.Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, invite.Get(SipHeaderId.From)!)
            .Add(SipHeaderId.To, invite.Get(SipHeaderId.To)!)
            .Add(SipHeaderId.CallId, invite.CallId!)
            .Add(SipHeaderId.CSeq, $"{invite.CSeq!.Value.Number.ToString(CultureInfo.InvariantCulture)} CANCEL");
        return cancel;
    }

    /// <summary>Our Via for a request sent outside any transaction (the ACK for a 2xx is its own transaction, RFC 3261 17.1.1.3).</summary>
    public static void AddVia(SipRequest request, SipEndPoint destination, IPEndPoint local) =>
        request.Add(SipHeaderId.Via, $"SIP/2.0/{destination.ViaTransport} {local};branch={SipVia.MagicCookie}{SipResponseFactory.NewTag()};rport");

    /// <summary>
    /// Our Contact URI as seen from <paramref name="destination"/>, naming the transport unless it is UDP (RFC 3261 19.1.1):
    /// a TLS leg says transport=tls, as Asterisk and FreeSWITCH write it and every TLS phone reads it, so the phone's requests
    /// in the dialog come back over TLS to our TLS listener.
    /// </summary>
    public static string Contact(string user, SipEndPoint destination, IPEndPoint local) => destination.Transport == SipTransportKind.Udp
        ? $"sip:{user}@{local}"
        : $"sip:{user}@{local};transport={SipTransportNames.Of(destination.Transport)}";

    /// <summary>Puts an SDP body on the message, or none.</summary>
    public static void SetSdp(SipMessage message, string? sdp)
    {
        if (sdp is null)
            return;
        message.Add(SipHeaderId.ContentType, "application/sdp");
        message.Body = Encoding.UTF8.GetBytes(sdp);
    }

    /// <summary>
    /// Makes a NOTIFY report a REFER's progress (RFC 3515 2.4.5): Event: refer, the status line as a message/sipfrag body
    /// (RFC 3420), and Subscription-State terminated once the status is final (RFC 6665 4.1.3; active before).
    /// </summary>
    public static void SetReferProgress(SipMessage notify, string statusLine)
    {
        var final = statusLine.Length >= 11 && statusLine[7] == ' ' && statusLine[8] != '1';
        notify.Add("Event", "refer")
            .Add("Subscription-State", final ? "terminated;reason=noresource" : "active;expires=60")
            .Add(SipHeaderId.ContentType, "message/sipfrag;version=2.0");
        notify.Body = Encoding.UTF8.GetBytes(statusLine + "\r\n");
    }

    /// <summary>
    /// The URI of a name-addr or addr-spec header value (RFC 3261 20: <c>"Name" &lt;uri&gt;;params</c> or a bare URI), as
    /// written; null when the brackets do not close.
    /// </summary>
    public static string? UriText(string value)
    {
        var open = value.IndexOf('<', StringComparison.Ordinal);
        if (open < 0)
            return value.Trim();
        var close = value.IndexOf('>', open + 1);
        return close < 0 ? null : value[(open + 1)..close].Trim();
    }

    /// <summary>The SDP body of a message, or null.</summary>
    public static string? Sdp(SipMessage message) =>
        message.Body.Length > 0 && message.ContentType?.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase) == true
            ? Encoding.UTF8.GetString(message.Body.Span)
            : null;
}
