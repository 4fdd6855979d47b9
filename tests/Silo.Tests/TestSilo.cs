using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Pbx.Grains.Live;
using Pbx.Silo.Hosting;
using Pbx.Silo.Persistence;
using Pbx.TestSupport;

namespace Pbx.Silo.Tests;

/// <summary>
/// The PBX's own silo host (<see cref="SiloServiceCollectionExtensions.AddSilo"/>) on a test database, on free silo and
/// gateway ports (test projects run in parallel). Disposing it is a graceful process stop; starting another on the same
/// database is a process restart. It subscribes to the live events before start, so nothing published early is missed.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    /// <summary>How long a test waits for a start, a stop or a signal; generous, the build box has 2 cores.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host)
    {
        _host = host;
        Events = host.Services.GetRequiredService<ILiveEvents>().Subscribe(capacity: 10_000);
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>This silo's address as grains on it see it (<see cref="ILocalSiloDetails"/>).</summary>
    public SiloAddress Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public LiveSubscription Events { get; }

    /// <summary>
    /// A host with the test database, a 10 s call timeout, free ports and <paramref name="settings"/> on top;
    /// <paramref name="services"/> runs after AddSilo, so its registrations win.
    /// </summary>
    public static IHost Build(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var (siloPort, gatewayPort) = FreePorts();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Runtime:CallTimeout"] = "00:00:10",
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            // A cluster of its own (see FreePort.LoneSilo); the cluster tests pass one id to both silos.
            ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSilo(builder.Configuration);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<TestSilo> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = Build(connectionString, settings, services);
        var silo = new TestSilo(host);
        try
        {
            await host.StartAsync().WaitAsync(Patience);
        }
        catch
        {
            silo.Events.Dispose();
            host.Dispose();
            throw;
        }
        return silo;
    }

    /// <summary>The next event matching <paramref name="match"/>, or a TimeoutException after <see cref="Patience"/>.</summary>
    public async Task<LiveEvent> NextEventAsync(Func<LiveEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await foreach (var liveEvent in Events.Reader.ReadAllAsync(timeout.Token))
            {
                if (match(liveEvent))
                    return liveEvent;
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what was awaited.
        }
        throw new TimeoutException($"No matching live event within {Patience}.");
    }

    /// <summary>A graceful stop: activations deactivate (OnDeactivateAsync runs) and the silo leaves the membership table.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(Patience);
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Events.Dispose();
        if (_host is IAsyncDisposable asyncHost)
            await asyncHost.DisposeAsync();
        else
            _host.Dispose();
    }

    private static (int Silo, int Gateway) FreePorts()
    {
        var silo = FreePort.Tcp();
        int gateway;
        while ((gateway = FreePort.Tcp()) == silo)
        {
            // The OS handed the same port out twice in a row: ask again.
        }
        return (silo, gateway);
    }
}
