using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Pbx.Silo.Startup;

/// <summary>Once everything listens: where to point a SIP phone and a browser.</summary>
internal sealed class WelcomeBanner(IHostApplicationLifetime lifetime, IServer server, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var host = FirstLanAddress()?.ToString() ?? "127.0.0.1";
        var web = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://0.0.0.0:8080";
        var webUri = new UriBuilder(web) { Host = host }.Uri;
        Console.WriteLine();
        Console.WriteLine($"  PBX ready. SIP phones: server {host}, port 5060 (UDP or TCP), realm {configuration["Sip:Realm"] ?? "pbx"}, user = extension number.");
        Console.WriteLine($"  Browser: {webUri}   API: {webUri}api/v1   Stop: Ctrl-C");
        Console.WriteLine();
    }

    private static IPAddress? FirstLanAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
}
