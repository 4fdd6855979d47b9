using Orleans;
namespace Pbx.Grains.Media;

/// <summary>Call-progress tones a media node generates.</summary>
[GenerateSerializer]
public enum MediaTone
{
    /// <summary>No tone: play the prompt instead.</summary>
    None,

    /// <summary>Ringback: the callee's phone is ringing.</summary>
    Ringback,

    /// <summary>Busy: the callee is busy.</summary>
    Busy,

    /// <summary>Congestion (reorder): the call cannot be completed.</summary>
    Congestion,
}
