using Pbx.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Orleans;
using Pbx.Silo.Hosting;

namespace Pbx.Grains.Tests.Extensions;

/// <summary>A real silo (runtime, migrations, PostgreSQL) hosting the extension grain, started and stopped by a test.</summary>
internal sealed class ExtensionSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ExtensionSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ILiveEvents LiveEvents => _host.Services.GetRequiredService<ILiveEvents>();

    public ExtensionRepository Repository => _host.Services.GetRequiredService<ExtensionRepository>();

    public static async Task<ExtensionSilo> StartAsync(string connectionString, int minExpires = 60)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Sip:Registrar:MinExpires"] = minExpires.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sip:Realm"] = "pbx.test",
            ["Sip:Auth:MaxFailures"] = "3",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(FreePort.LoneSilo());
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddExtensions(builder.Configuration);
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new ExtensionSilo(host);
    }

    /// <summary>A clean shutdown: every activation is deactivated, so write-behind state is flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
