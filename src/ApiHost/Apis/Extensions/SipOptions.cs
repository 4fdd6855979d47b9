namespace Pbx.ApiHost.Apis.Extensions;

/// <summary>The SIP settings the API needs, section <c>Sip</c>.</summary>
public sealed class SipOptions
{
    public const string Section = "Sip";

    /// <summary>Digest realm (RFC 3261 22.1) the stored HA1 values are computed for.</summary>
    public string Realm { get; set; } = "pbx";
}
