using Dapper;

namespace Pbx.Data.Extensions;

/// <summary>The API's view of an extension's call settings (the <c>settings</c> document) and outbound columns, by id.</summary>
public sealed partial class ExtensionRepository
{
    private const string OutboundColumns = "extension_group as Group, permission_class as PermissionClass, outbound_caller_id as OutboundCallerId, "
        + "max_outbound_calls as MaxOutboundCalls, outbound_calls_per_hour as OutboundCallsPerHour, outbound_minutes_per_day as OutboundMinutesPerDay";

    /// <summary>The settings document of extension <paramref name="id"/> as JSON text, or null when there is none.</summary>
    public async Task<string?> GetSettingsJsonAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select settings::text from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Merges the keys of <paramref name="json"/> into the settings document of extension <paramref name="id"/>: its number
    /// and the whole document after the merge, or null when there is none. Merged rather than replaced, so features that
    /// keep their own keys in the document (voicemail, ...) keep them.
    /// </summary>
    public async Task<(string Number, string Json)?> MergeSettingsAsync(long id, string json, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(string Number, string Json)?>(new CommandDefinition(
            "update extensions set settings = settings || @json::jsonb, updated_at = @now where id = @id returning number, settings::text",
            new { id, json, now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
    }

    /// <summary>The outbound settings of extension <paramref name="id"/>, or null when there is none.</summary>
    public async Task<ExtensionOutboundSettings?> GetOutboundAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ExtensionOutboundSettings>(new CommandDefinition(
            $"select {OutboundColumns} from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the outbound settings of extension <paramref name="id"/>: the stored result, or null when there is none.</summary>
    public async Task<ExtensionOutboundSettings?> SetOutboundAsync(long id, ExtensionOutboundSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ExtensionOutboundSettings>(new CommandDefinition(
            $"""
            update extensions set extension_group = @Group, permission_class = @PermissionClass, outbound_caller_id = @OutboundCallerId,
                max_outbound_calls = @MaxOutboundCalls, outbound_calls_per_hour = @OutboundCallsPerHour, outbound_minutes_per_day = @OutboundMinutesPerDay,
                updated_at = @now
            where id = @id returning {OutboundColumns}
            """,
            new
            {
                id, settings.Group, settings.PermissionClass, settings.OutboundCallerId, settings.MaxOutboundCalls, settings.OutboundCallsPerHour,
                settings.OutboundMinutesPerDay, now = clock.GetUtcNow().UtcDateTime,
            },
            cancellationToken: cancellationToken));
    }
}
