using Microsoft.Extensions.Hosting;
using Pbx.Silo.Persistence;
using Pbx.Silo.Runtime;

namespace Pbx.Silo.Hosting;

/// <summary>
/// Start-up: migrations first (a failure stops the host), then the idle collector and the reminder poller.
/// Shutdown: stops both and deactivates every activation so grains can flush state.
/// </summary>
internal sealed class SiloHostedService(MigrationRunner migrations, GrainRuntime runtime, ReminderService reminders) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrations.RunAsync(cancellationToken).ConfigureAwait(false);
        _background = Task.WhenAll(runtime.RunCollectorAsync(_stopping.Token), reminders.RunAsync(_stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _background.WaitAsync(cancellationToken).ConfigureAwait(false);
        await runtime.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}
