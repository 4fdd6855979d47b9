namespace Pbx.Data.Extensions;

/// <summary>A phone number of the PBX as the API shows it; its SIP credentials never leave the database.</summary>
public sealed record Extension
{
    public long Id { get; init; }

    public required string Number { get; init; }

    public string DisplayName { get; init; } = "";

    /// <summary>The digest realm its HA1 was computed for.</summary>
    public string Realm { get; init; } = "";

    public bool Enabled { get; init; }

    public int MaxContacts { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
