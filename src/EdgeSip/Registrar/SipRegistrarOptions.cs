namespace Pbx.EdgeSip.Registrar;

/// <summary>The edge side of the registrar, section <c>Sip:Registrar</c>.</summary>
public sealed class SipRegistrarOptions
{
    /// <summary>Configuration section (shared with the grain's interval settings, which this class does not read).</summary>
    public const string SectionName = "Sip:Registrar";

    /// <summary>This edge node's id, stored in each binding so calls to the phone leave through the socket it registered on.</summary>
    public string EdgeNodeId { get; set; } = Environment.MachineName;

    /// <summary>Every invalid setting, naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
        => string.IsNullOrWhiteSpace(EdgeNodeId) || EdgeNodeId.Length > 64
            ? [$"{SectionName}:{nameof(EdgeNodeId)} is '{EdgeNodeId}'; it must be 1 to 64 characters."]
            : [];
}
