using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Registrar;
using Pbx.Grains.Extensions;
using Pbx.Grains.Runtime;
using Pbx.Silo.Hosting;

namespace Pbx.EdgeSip.Tests.Registrar;

/// <summary>The silo (runtime, migrations, PostgreSQL, extension grain) plus the edge's registrar, in one host.</summary>
internal sealed class RegistrarHost : IAsyncDisposable
{
    public const string Realm = "pbx.test";
    public const int MaxFailures = 3;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(10);

    private readonly IHost _host;

    private RegistrarHost(IHost host, ShiftableTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public ShiftableTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public SipRegistrar Registrar => _host.Services.GetRequiredService<SipRegistrar>();

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ExtensionRepository Extensions => _host.Services.GetRequiredService<ExtensionRepository>();

    public static async Task<RegistrarHost> StartAsync(string connectionString, Action<IServiceCollection>? addServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Sip:Registrar:Realm"] = Realm,
            ["Sip:Registrar:EdgeNodeId"] = "edge-test",
            ["Sip:Auth:MaxFailures"] = MaxFailures.ToString(CultureInfo.InvariantCulture),
            ["Sip:Auth:LockoutDuration"] = LockoutDuration.ToString(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var time = new ShiftableTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddGrains(typeof(ExtensionGrain).Assembly);
        builder.Services.AddExtensions(builder.Configuration);
        builder.Services.AddSipRegistrar(builder.Configuration);
        addServices?.Invoke(builder.Services);
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new RegistrarHost(host, time);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
