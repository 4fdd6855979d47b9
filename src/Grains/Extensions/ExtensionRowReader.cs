using Pbx.Data.Extensions;
using Pbx.Grains.Persistence;

namespace Pbx.Grains.Extensions;

/// <summary>
/// Extension rows for extension grains as they activate or reload: the rows asked for while a query runs share the next
/// one. After a restart every phone's first REGISTER activates its grain, 10,000 of them within a second or two; a query
/// each queued them behind the connection pool (p99 180 ms in the register bench's first run).
/// </summary>
public sealed class ExtensionRowReader : IAsyncDisposable
{
    private readonly StatementBatcher<string, ExtensionConfiguration?> _reads;

    public ExtensionRowReader(ExtensionRepository repository) => _reads = new(repository.FindManyAsync);

    /// <summary>The row of <paramref name="number"/>, or null when there is none.</summary>
    public Task<ExtensionConfiguration?> FindAsync(string number, CancellationToken cancellationToken = default) =>
        _reads.EnqueueAsync(number).WaitAsync(cancellationToken);

    /// <summary>Lets queued reads finish, then stops.</summary>
    public ValueTask DisposeAsync() => _reads.DisposeAsync();
}
