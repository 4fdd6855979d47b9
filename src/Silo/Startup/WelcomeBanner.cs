using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pbx.EdgeSip.Transport;
using Pbx.MediaNode.Hosting;

namespace Pbx.Silo.Startup;

/// <summary>
/// Once everything listens: where to point a SIP phone and a browser, read from the bound transports and Kestrel (so a
/// port changed in configuration, or chosen by the system, is the one printed).
/// </summary>
/// <param name="transports">The SIP edge's transports, or null in a process without the edge role.</param>
/// <param name="api">Whether the API role is hosted here.</param>
internal sealed class WelcomeBanner(IHostApplicationLifetime lifetime, IServer server, IConfiguration configuration, SipTransportSet? transports, bool api)
    : IHostedService
{
    /// <summary>The lines printed at start, for tests of what an operator sees.</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var bound = new ListeningAddresses(
            transports?.UdpEndPoints ?? [], transports?.TcpEndPoints ?? [], transports?.WebSocketEndPoints ?? [], transports?.TlsEndPoints ?? [],
            [.. server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []], api);
        Lines = WelcomeText.Lines(bound, HostNetwork.Primary().Address, configuration["Sip:Realm"] ?? "pbx");
        Console.WriteLine();
        foreach (var line in Lines)
            Console.WriteLine(line);
        Console.WriteLine();
    }
}
