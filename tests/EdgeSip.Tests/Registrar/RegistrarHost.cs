using Pbx.Data.Extensions;
using Pbx.TestSupport;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Registrar;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Extensions;
using Orleans;
using Pbx.Silo.Hosting;

namespace Pbx.EdgeSip.Tests.Registrar;

/// <summary>The silo (runtime, migrations, PostgreSQL, extension grain) plus the SIP edge and its registrar on loopback, in one host.</summary>
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

    public IPEndPoint Udp => _host.Services.GetRequiredService<SipTransportSet>().UdpEndPoints[0];

    public IPEndPoint Tcp => _host.Services.GetRequiredService<SipTransportSet>().TcpEndPoints[0];

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ExtensionRepository Extensions => _host.Services.GetRequiredService<ExtensionRepository>();

    /// <param name="connectionString">A fresh database.</param>
    /// <param name="settings">Settings over the product's defaults, later ones winning.</param>
    public static async Task<RegistrarHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Sip:Udp:0"] = "127.0.0.1:0",
            ["Sip:Tcp:0"] = "127.0.0.1:0",
            ["Sip:Realm"] = Realm,
            ["Sip:Registrar:EdgeNodeId"] = "edge-test",
            ["Sip:Auth:MaxFailures"] = MaxFailures.ToString(CultureInfo.InvariantCulture),
            ["Sip:Auth:LockoutDuration"] = LockoutDuration.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var time = new ShiftableTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Configuration.AddInMemoryCollection(FreePort.LoneSilo());
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddExtensions(builder.Configuration);
        builder.Services.AddEdgeSip(builder.Configuration);
        builder.Services.AddSipRegistrar(builder.Configuration);
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
