namespace Pbx.Data.Trunks;

/// <summary>
/// Every column of a trunk as a create or replace writes it, defaults already applied. The password arrives protected:
/// encrypted (<see cref="PasswordProtected"/>) or reduced to its HA1 (<see cref="Ha1Md5"/>); with
/// <see cref="PasswordGiven"/> false the stored one is kept.
/// </summary>
public sealed record TrunkChange
{
    public required string Id { get; init; }

    public string Description { get; init; } = "";

    public bool Enabled { get; init; }

    public required string Host { get; init; }

    public int Port { get; init; }

    public required string Transport { get; init; }

    public string? OutboundProxy { get; init; }

    public string? Username { get; init; }

    public string? Realm { get; init; }

    public bool PasswordGiven { get; init; }

    public string? PasswordProtected { get; init; }

    public string? Ha1Md5 { get; init; }

    public bool Register { get; init; }

    public int RegisterExpires { get; init; }

    public string[] AllowedNetworks { get; init; } = [];

    public string[] Codecs { get; init; } = [];

    public int MaxCalls { get; init; }

    public string? DefaultCallerId { get; init; }

    public bool Privacy { get; init; }

    public required string CountryCode { get; init; }

    public required string NationalPrefix { get; init; }

    public required string InternationalPrefix { get; init; }

    public int NationalLength { get; init; }

    public required string CarrierFormat { get; init; }
}
