using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>
/// The session timer headers of one SIP message (RFC 4028 section 4): Session-Expires with its refresher parameter,
/// Min-SE, and whether "timer" is in Supported. The edge reads them off requests and responses and writes them on the
/// messages it sends; the call grain negotiates.
/// </summary>
/// <param name="Expires">Session-Expires in seconds (the session interval), or null when absent.</param>
/// <param name="Refresher">Its refresher parameter, "uac" or "uas" (roles of the transaction carrying it), or null.</param>
/// <param name="MinExpires">Min-SE in seconds, or null when absent; on a 422 response, the smallest interval accepted.</param>
/// <param name="Supported">True when "timer" is in Supported (a request, or a response that negotiates).</param>
[GenerateSerializer, Immutable]
public sealed record SessionTimer(int? Expires, string? Refresher, int? MinExpires, bool Supported)
{
    /// <summary>The refresher parameter naming the sender of a request or the receiver of a response (RFC 4028 section 7.1).</summary>
    public const string Uac = "uac";

    /// <summary>The refresher parameter naming the receiver of a request or the sender of a response.</summary>
    public const string Uas = "uas";
}
