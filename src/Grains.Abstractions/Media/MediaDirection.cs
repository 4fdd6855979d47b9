using Orleans;
namespace Pbx.Grains.Media;

/// <summary>SDP media direction attribute (RFC 4566 section 6, RFC 3264 section 6.1), used for hold and resume.</summary>
[GenerateSerializer]
public enum MediaDirection
{
    /// <summary>a=sendrecv: both ways (the default).</summary>
    SendReceive,

    /// <summary>a=sendonly: the party sending this only sends (puts the other on hold, e.g. with music).</summary>
    SendOnly,

    /// <summary>a=recvonly: the party sending this only receives.</summary>
    ReceiveOnly,

    /// <summary>a=inactive: no media either way.</summary>
    Inactive,
}
