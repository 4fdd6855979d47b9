using Pbx.Grains.Media;

namespace Pbx.MediaNode.Sdp;

/// <summary>One m= section of a session description (RFC 4566 section 5.14) with the attributes this node understands.</summary>
/// <param name="Media">Media type: audio, video, application.</param>
/// <param name="Port">Transport port; 0 means the stream is rejected or disabled (RFC 3264 section 6).</param>
/// <param name="Protocol">Transport protocol, RTP/AVP for plain RTP.</param>
/// <param name="Formats">Payload formats in the order of the m= line, which is the sender's preference (RFC 3264 section 5.1).</param>
/// <param name="Direction">Direction attribute, sendrecv when absent (RFC 3264 section 5.1).</param>
/// <param name="Connection">Media-level c= address, or null to use the session-level one.</param>
/// <param name="Ptime">a=ptime in milliseconds, or null.</param>
/// <param name="FormatTokens">The raw format tokens of the m= line, kept so a rejected stream can be echoed (RFC 3264 section 6).</param>
public sealed record SdpMedia(
    string Media, int Port, string Protocol, IReadOnlyList<SdpFormat> Formats, MediaDirection Direction,
    string? Connection, int? Ptime, IReadOnlyList<string> FormatTokens);
