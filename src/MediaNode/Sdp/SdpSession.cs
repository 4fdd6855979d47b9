namespace Pbx.MediaNode.Sdp;

/// <summary>A parsed session description (RFC 4566 section 5): what offer/answer needs of it.</summary>
/// <param name="OriginUser">o= username.</param>
/// <param name="SessionId">o= sess-id.</param>
/// <param name="SessionVersion">o= sess-version, incremented on every change (RFC 3264 section 8).</param>
/// <param name="Connection">Session-level c= address, or null.</param>
/// <param name="Media">The m= sections in order.</param>
public sealed record SdpSession(string OriginUser, ulong SessionId, ulong SessionVersion, string? Connection, IReadOnlyList<SdpMedia> Media)
{
    /// <summary>The address a stream's RTP goes to: its own c= or the session's (RFC 4566 section 5.7).</summary>
    public string? ConnectionFor(SdpMedia media) => media.Connection ?? Connection;
}
