using System.Text.Json.Serialization;

namespace Pbx.Data.Users;

/// <summary>A person or script that signs in to the API.</summary>
public sealed record ApiUser
{
    public long Id { get; init; }

    public required string Username { get; init; }

    /// <summary>One of the API's roles (admin, operator, viewer, user).</summary>
    public required string Role { get; init; }

    /// <summary>The user's own desk phone, if any.</summary>
    public string? ExtensionNumber { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The console language the user chose (en, ru or uz); null until chosen.</summary>
    public string? Language { get; init; }

    /// <summary>PBKDF2 hash in ASP.NET Core Identity v3 format; never serialized.</summary>
    [JsonIgnore]
    public string PasswordHash { get; init; } = "";

    /// <summary>Moves on when the user's sessions must end (password, role or extension changed, signed out).</summary>
    [JsonIgnore]
    public int SessionVersion { get; init; }
}
