using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Tests.Hosting;

/// <summary>A real edge on 127.0.0.1 ephemeral ports (UDP, TCP, WebSocket), started for one test.</summary>
internal sealed class EdgeHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EdgeHost(IHost host)
    {
        _host = host;
        Transports = host.Services.GetRequiredService<SipTransportSet>();
    }

    public SipTransportSet Transports { get; }

    public IServiceProvider Services => _host.Services;

    public IPEndPoint Udp => Transports.UdpEndPoints[0];

    public IPEndPoint Tcp => Transports.TcpEndPoints[0];

    public IPEndPoint WebSocket => Transports.WebSocketEndPoints[0];

    /// <param name="services">Services over the edge's.</param>
    /// <param name="bind">The UDP and TCP address.</param>
    /// <param name="settings">Settings over the defaults (<c>Sip:Tls:0</c> to listen on TLS too).</param>
    public static async Task<EdgeHost> StartAsync(Action<IServiceCollection>? services = null, string bind = "127.0.0.1:0",
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Udp:0"] = bind,
            ["Sip:Tcp:0"] = bind,
            ["Sip:WebSocket:0"] = "127.0.0.1:0",
            ["Sip:UserAgent"] = "Pbx-Test",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddEdgeSip(builder.Configuration);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new EdgeHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
