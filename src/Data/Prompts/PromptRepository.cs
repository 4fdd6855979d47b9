using Dapper;
using Npgsql;

namespace Pbx.Data.Prompts;

/// <summary>
/// The <c>prompts</c> table. Every write names a file the caller has already written, so a row never lacks its audio;
/// the caller removes the files rows stop naming (a replaced upload's, a deleted prompt's).
/// </summary>
public sealed class PromptRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, name, nullif(language, '') as Language, kind, file_path as File, duration_ms as DurationMs, size_bytes as SizeBytes, created_at as CreatedAt";

    /// <summary>A page of prompts by name then language; <paramref name="name"/> (contains) and <paramref name="language"/> filter.</summary>
    public async Task<RowPage<Prompt>> ListAsync(string? name, string? language, int offset, int limit, CancellationToken cancellationToken)
    {
        const string where = """
            where (@name::text is null or strpos(lower(name), lower(@name)) > 0)
              and (@language::text is null or language = @language)
            """;
        var args = new { name, language, limit, offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from prompts {where}", args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Prompt>(new CommandDefinition(
            $"select {Columns} from prompts {where} order by name, language limit @limit offset @offset", args, cancellationToken: cancellationToken));
        return new RowPage<Prompt>(rows.AsList(), total);
    }

    /// <summary>The prompt <paramref name="id"/>, or null.</summary>
    public async Task<Prompt?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Prompt>(new CommandDefinition(
            $"select {Columns} from prompts where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Names <paramref name="audio"/> as the uploaded prompt of its name and language: a new row, or the existing one
    /// (uploaded or system, keeping its id) pointed at the new file, whose old file the result names for removal.
    /// </summary>
    public async Task<PromptSaved> SaveUploadAsync(PromptAudio audio, CancellationToken cancellationToken)
    {
        var args = new
        {
            name = audio.Name, language = audio.Language ?? "", file = audio.File, durationMs = audio.DurationMs, sizeBytes = audio.SizeBytes,
            kind = PromptKinds.Uploaded,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Locks the row being replaced, so two uploads of one name each learn the file the other made obsolete.
        var replaced = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select file_path from prompts where name = @name and language = @language for update", args, transaction, cancellationToken: cancellationToken));
        var prompt = await connection.QuerySingleAsync<Prompt>(new CommandDefinition(
            $"""
            insert into prompts (name, language, kind, file_path, duration_ms, size_bytes) values (@name, @language, @kind, @file, @durationMs, @sizeBytes)
            on conflict (name, language) do update set kind = excluded.kind, file_path = excluded.file_path,
                duration_ms = excluded.duration_ms, size_bytes = excluded.size_bytes, created_at = now()
            returning {Columns}
            """, args, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new PromptSaved(prompt, replaced);
    }

    /// <summary>Names <paramref name="audio"/> as a system prompt unless its name and language have a row already: null then.</summary>
    public async Task<Prompt?> AddSystemAsync(PromptAudio audio, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Prompt>(new CommandDefinition(
            $"""
            insert into prompts (name, language, kind, file_path, duration_ms, size_bytes) values (@name, @language, @kind, @file, @durationMs, @sizeBytes)
            on conflict (name, language) do nothing returning {Columns}
            """,
            new { name = audio.Name, language = audio.Language ?? "", kind = PromptKinds.System, file = audio.File, durationMs = audio.DurationMs, sizeBytes = audio.SizeBytes },
            cancellationToken: cancellationToken));
    }

    /// <summary>The name and language (null for none) of every prompt, for the system prompts' generation to skip.</summary>
    public async Task<IReadOnlySet<(string Name, string? Language)>> ListNamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string)>(new CommandDefinition("select name, language from prompts", cancellationToken: cancellationToken));
        return rows.Select(row => (row.Item1, row.Item2.Length == 0 ? null : row.Item2)).ToHashSet();
    }

    /// <summary>
    /// The file of prompt <paramref name="name"/> as a menu in <paramref name="language"/> plays it: the recording in that
    /// language, else one of no language, else any; null when the library has no prompt of that name.
    /// </summary>
    public async Task<string?> FindFileAsync(string name, string? language)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<string>(
            """
            select file_path from prompts where name = @name
            order by language = coalesce(@language, '') desc, language = '' desc, language limit 1
            """, new { name, language });
    }

    /// <summary>Every file a row names, for the sweep of files no row names.</summary>
    public async Task<IReadOnlySet<string>> ListFilesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition("select file_path from prompts", cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Deletes uploaded prompt <paramref name="id"/> in a transaction that commits only once <paramref name="removeFile"/>
    /// returned true, so a file that cannot be removed keeps its row. A system prompt is left as it is.
    /// </summary>
    public async Task<(Prompt? Prompt, bool Deleted)> DeleteUploadedAsync(long id, Func<Prompt, bool> removeFile, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var prompt = await connection.QuerySingleOrDefaultAsync<Prompt>(new CommandDefinition(
            $"select {Columns} from prompts where id = @id for update", new { id }, transaction, cancellationToken: cancellationToken));
        if (prompt is null || prompt.Kind != PromptKinds.Uploaded)
            return (prompt, false);
        await connection.ExecuteAsync(new CommandDefinition("delete from prompts where id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        if (!removeFile(prompt))
            return (prompt, false);
        await transaction.CommitAsync(cancellationToken);
        return (prompt, true);
    }
}
