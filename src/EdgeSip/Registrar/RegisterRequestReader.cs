using System.Globalization;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Registrar;

/// <summary>Turns a parsed REGISTER into the grain's <see cref="RegisterRequest"/>, which knows no SIP classes.</summary>
internal static class RegisterRequestReader
{
    private const string PathHeader = "Path";

    /// <summary>The request for the grain; null when a Contact value is unusable (answer 400).</summary>
    public static RegisterRequest? Read(SipRequest request, SipEndPoint source, string edgeNodeId)
    {
        var contacts = new List<RegisterContact>();
        var wildcard = false;
        foreach (var contact in request.Contacts)
        {
            if (contact.IsStar)
            {
                wildcard = true;
                continue;
            }
            if (!TryReadQ(contact.Parameters.Get("q"), out var q))
                return null;
            contacts.Add(new RegisterContact(contact.Uri.ToString(), Clamp(contact.Expires), q, contact.Parameters.Get("+sip.instance")));
        }
        return new RegisterRequest(
            contacts,
            wildcard,
            Clamp(request.Expires),
            request.CallId ?? "",
            request.CSeq?.Number ?? 0,
            source.Remote.Address.ToString(),
            source.Remote.Port,
            SipTransportNames.Of(source.Transport),
            edgeNodeId,
            request.Get(SipHeaderId.UserAgent),
            PathValues(request));
    }

    // Delta-seconds may be up to 2^32-1 (RFC 3261 20.19); the grain clamps to MaxExpires anyway.
    private static int? Clamp(uint? seconds) => seconds is { } s ? (int)Math.Min(s, int.MaxValue) : null;

    // RFC 3261 20.10: qvalue is 0 to 1 with up to three decimals.
    private static bool TryReadQ(string? text, out double? q)
    {
        q = null;
        if (text is null)
            return true;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > 1)
            return false;
        q = value;
        return true;
    }

    // RFC 3327 5.3: the registrar stores the Path values in order; a line may hold a comma-separated list.
    private static IReadOnlyList<string> PathValues(SipRequest request)
    {
        List<string>? values = null;
        for (var i = 0; i < request.HeaderCount; i++)
        {
            if (request.GetHeaderId(i) != SipHeaderId.Unknown || !request.GetHeaderName(i).Equals(PathHeader, StringComparison.OrdinalIgnoreCase))
                continue;
            foreach (var value in SplitList(request.GetHeaderValue(i)))
                (values ??= []).Add(value);
        }
        return values ?? (IReadOnlyList<string>)[];
    }

    private static IEnumerable<string> SplitList(string line)
    {
        var start = 0;
        var inAngle = false;
        var quoted = false;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || (line[i] == ',' && !inAngle && !quoted))
            {
                var part = line[start..i].Trim();
                if (part.Length > 0)
                    yield return part;
                start = i + 1;
            }
            else if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && line[i] is '<' or '>')
            {
                inAngle = line[i] == '<';
            }
        }
    }
}
