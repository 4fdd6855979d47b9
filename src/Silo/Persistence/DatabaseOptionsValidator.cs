using Microsoft.Extensions.Options;
using Npgsql;

namespace Pbx.Silo.Persistence;

/// <summary>Fails start-up on a missing or malformed connection string, naming the key and how to set it.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    private const string HowToSet = "set Database:ConnectionString in appsettings.json or the environment variable Database__ConnectionString "
        + "(local database from deploy/pg.sh: Host=127.0.0.1;Port=5433;Username=pbx;Database=pbx)";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail($"Database:ConnectionString is empty: {HowToSet}.");
        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"Database:ConnectionString is not a valid Npgsql connection string ({ex.Message}): {HowToSet}.");
        }
        return ValidateOptionsResult.Success;
    }
}
