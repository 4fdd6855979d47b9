using Pbx.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Transport;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Orleans;
using Pbx.Grains.Trunks;
using Pbx.Silo.Hosting;

namespace Pbx.EdgeSip.Tests.Trunks;

/// <summary>Silo (with the trunk grain) and edge on loopback, with short SIP timers and back-offs so failures show in seconds.</summary>
internal sealed class TrunkHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TrunkHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ILiveEvents LiveEvents => _host.Services.GetRequiredService<ILiveEvents>();

    public SipClient Client => _host.Services.GetRequiredService<SipClient>();

    public SipTransportSet Transports => _host.Services.GetRequiredService<SipTransportSet>();

    /// <param name="registerTrunks">Also run the edge's trunk registration service, reading the trunk table every 100 ms.</param>
    public static async Task<TrunkHost> StartAsync(string connectionString, bool registerTrunks = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Sip:Udp:0"] = "127.0.0.1:0",
            ["Sip:Tcp:0"] = "127.0.0.1:0",
            ["Sip:Realm"] = "pbx.test",
            // Timer F = 64*T1 = 3.2 s: a carrier that stopped answering is noticed within the test's budget.
            ["Sip:Timers:T1"] = "00:00:00.05",
            ["Sip:Timers:T2"] = "00:00:00.4",
            ["Trunks:MinBackoff"] = "00:00:00.2",
            ["Trunks:MaxBackoff"] = "00:00:01",
            ["Trunks:Registration:PollInterval"] = "00:00:00.1",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(FreePort.LoneSilo());
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddTrunks(builder.Configuration);
        builder.Services.AddEdgeSip(builder.Configuration);
        if (registerTrunks)
            builder.Services.AddSipTrunks(builder.Configuration);
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new TrunkHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
