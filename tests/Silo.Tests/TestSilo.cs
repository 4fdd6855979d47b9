using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pbx.Grains.Live;
using Pbx.Grains.Runtime;
using Pbx.Silo.Hosting;

namespace Pbx.Silo.Tests;

/// <summary>
/// A real silo host on a test database. Disposing it is a graceful process stop; starting another on the same
/// database is a process restart. It subscribes to the live events before start, so nothing published early is missed.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly IHost _host;

    private TestSilo(IHost host)
    {
        _host = host;
        Events = host.Services.GetRequiredService<ILiveEvents>().Subscribe(capacity: 10_000);
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public LiveSubscription Events { get; }

    public static IHost Build(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Runtime:CallTimeout"] = "00:00:05",
            ["Runtime:ReminderPollInterval"] = "00:00:00.100",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        services?.Invoke(builder.Services);
        builder.Services.AddSilo(builder.Configuration).AddGrains(typeof(TestSilo).Assembly);
        return builder.Build();
    }

    public static async Task<TestSilo> StartAsync(string connectionString, IDictionary<string, string?>? settings = null)
    {
        var host = Build(connectionString, settings);
        var silo = new TestSilo(host);
        try
        {
            await host.StartAsync().WaitAsync(Patience);
        }
        catch
        {
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

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _host.StopAsync(timeout.Token);
        Events.Dispose();
        _host.Dispose();
    }
}
