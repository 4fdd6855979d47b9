using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pbx.Silo.Hosting;
using Pbx.Silo.Persistence;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>The suite's silos: the PBX's own AddSilo host, each on free silo and gateway ports, all on one database.</summary>
public sealed partial class GrainsSuite
{
    private static async Task<IHost> StartSiloAsync(string connectionString, CancellationToken cancellationToken)
    {
        var siloPort = FreePort.Tcp();
        int gatewayPort;
        while ((gatewayPort = FreePort.Tcp()) == siloPort)
        {
            // The OS handed the same port out twice in a row: ask again.
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddSilo(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }
}
