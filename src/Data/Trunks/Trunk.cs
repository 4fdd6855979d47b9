namespace Pbx.Data.Trunks;

/// <summary>A carrier SIP trunk as the API shows it. The password never leaves the server: only whether one is set.</summary>
public sealed record Trunk
{
    public required string Id { get; init; }

    public string Description { get; init; } = "";

    public bool Enabled { get; init; }

    public required string Host { get; init; }

    public int Port { get; init; }

    /// <summary>udp or tcp.</summary>
    public required string Transport { get; init; }

    public string? OutboundProxy { get; init; }

    public string? Username { get; init; }

    public string? Realm { get; init; }

    /// <summary>True when a password (encrypted) or its HA1 is stored.</summary>
    public bool HasPassword { get; init; }

    public bool Register { get; init; }

    public int RegisterExpires { get; init; }

    /// <summary>Source networks (CIDR) an IP-authenticated trunk's INVITEs may come from.</summary>
    public string[] AllowedNetworks { get; init; } = [];

    public string[] Codecs { get; init; } = [];

    public int MaxCalls { get; init; }

    public string? DefaultCallerId { get; init; }

    public bool Privacy { get; init; }

    public required string CountryCode { get; init; }

    public string NationalPrefix { get; init; } = "";

    public string InternationalPrefix { get; init; } = "";

    public int NationalLength { get; init; }

    /// <summary>e164, international or national.</summary>
    public required string CarrierFormat { get; init; }

    /// <summary>When the row last changed (UTC): the edge restarts the trunk's registration when it moves.</summary>
    public DateTime UpdatedAt { get; init; }
}
