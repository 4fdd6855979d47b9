using Microsoft.Extensions.Hosting;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Hosting;

/// <summary>
/// Applies the migrations before the Orleans silo starts (it is registered first): the silo reads its membership and
/// reminder tables from them, and a failure stops the host with a line naming the failing file.
/// </summary>
internal sealed class MigrationHostedService(MigrationRunner migrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrations.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
