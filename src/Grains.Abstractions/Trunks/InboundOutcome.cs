using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>What an INVITE arriving from a trunk becomes; each outcome maps to one action or SIP status at the edge.</summary>
[GenerateSerializer]
public enum InboundOutcome
{
    /// <summary>Ring the extension in <see cref="InboundRoute.Target"/>.</summary>
    Extension,

    /// <summary>Answer into the IVR menu in <see cref="InboundRoute.Target"/>.</summary>
    Menu,

    /// <summary>The DID points to a destination kind not served yet (queue, voicemail, conference): 480 and a log line.</summary>
    DestinationUnavailable,

    /// <summary>No DID matches the called number: 404.</summary>
    UnknownDid,
}
