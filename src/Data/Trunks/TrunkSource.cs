namespace Pbx.Data.Trunks;

/// <summary>Where an enabled trunk's INVITEs come from: its host and port, and the networks (CIDR) it may send from.</summary>
public sealed record TrunkSource
{
    public required string Id { get; init; }

    public required string Host { get; init; }

    public int Port { get; init; }

    public string[] AllowedNetworks { get; init; } = [];
}
