namespace Pbx.EdgeSip.Auth;

/// <summary>Digest hash algorithms the edge accepts (RFC 8760 section 2: SHA-256 preferred, MD5 for older phones).</summary>
public enum DigestAlgorithm
{
    /// <summary>"MD5", also the default when the algorithm parameter is absent (RFC 7616 section 3.3).</summary>
    Md5,
    /// <summary>"SHA-256" (RFC 7616 section 3.3, RFC 8760).</summary>
    Sha256,
}
