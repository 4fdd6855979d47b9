namespace Pbx.MediaNode.Hosting;

/// <summary>Media node settings, section <c>Media</c>.</summary>
public sealed class MediaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Media";

    /// <summary>
    /// This node's id in the cluster, the prefix of its endpoint ids: 1-64 letters, digits, '-', '_', '.'. Empty means
    /// the machine name and <see cref="RtpPortMin"/> (two media processes on one host need disjoint port ranges anyway).
    /// </summary>
    public string NodeId { get; set; } = "";

    /// <summary>How often the node reports itself and its load to the media directory; its entry lapses after three missed reports.</summary>
    public TimeSpan RegistrationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><see cref="NodeId"/>, or the default made of the machine name and <see cref="RtpPortMin"/> when it is empty.</summary>
    public string EffectiveNodeId => NodeId is { Length: > 0 } id
        ? id
        : Pbx.Grains.Media.MediaEndpointId.SanitizeNodeId($"{Environment.MachineName}-{RtpPortMin}");

    /// <summary>
    /// Address written in SDP c= lines: where phones send RTP (a public or LAN address, never 0.0.0.0). Empty means
    /// detected at start: <see cref="BindAddress"/> when it names one address, else the host's primary address
    /// (<see cref="PrimaryAddress"/>).
    /// </summary>
    public string Address { get; set; } = "";

    /// <summary>Local address the RTP sockets bind to; 0.0.0.0 for all interfaces.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Lowest RTP port (even; RTCP uses the next odd port).</summary>
    public int RtpPortMin { get; set; } = 10000;

    /// <summary>Highest port of the range.</summary>
    public int RtpPortMax { get; set; } = 20000;

    /// <summary>How long an endpoint may receive no RTP before the allocating grain hears of a media timeout.</summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Directory call recordings are written to.</summary>
    public string RecordingsDirectory { get; set; } = "recordings";

    /// <summary>Directory relative prompt names are resolved against.</summary>
    public string PromptsDirectory { get; set; } = "prompts";

    /// <summary>National call-progress tones: Europe (ETSI, 425 Hz), NorthAmerica or UnitedKingdom.</summary>
    public string TonePlan { get; set; } = "Europe";
}
