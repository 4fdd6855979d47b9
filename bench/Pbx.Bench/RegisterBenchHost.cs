using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Registrar;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Extensions;
using Pbx.Silo.Hosting;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// The whole REGISTER stack in this process (edge, digest, extension grains, PostgreSQL write-behind) with the product's
/// defaults, its extensions seeded and sipp's injection file written: what the register and overload suites load.
/// </summary>
internal sealed class RegisterBenchHost : IAsyncDisposable
{
    private readonly IHost _host;

    private RegisterBenchHost(IHost host, IPEndPoint edge, string injection, DirectoryInfo workDir)
    {
        _host = host;
        Edge = edge;
        Injection = injection;
        WorkDir = workDir;
    }

    /// <summary>The edge's UDP address.</summary>
    public IPEndPoint Edge { get; }

    /// <summary>sipp's injection file: each extension's number and credentials.</summary>
    public string Injection { get; }

    /// <summary>Where sipp's scenario, statistics and response times go.</summary>
    public DirectoryInfo WorkDir { get; }

    /// <summary>Starts the stack on a fresh database with <paramref name="extensions"/> extensions from <see cref="RegisterBench.FirstExtension"/>.</summary>
    public static async Task<RegisterBenchHost> StartAsync(int extensions, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase("bench"),
            ["Sip:Udp:0"] = "127.0.0.1:0",
            ["Sip:Tcp:0"] = "127.0.0.1:0",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSilo(builder.Configuration);
        builder.Services.AddExtensions(builder.Configuration);
        builder.Services.AddEdgeSip(builder.Configuration);
        builder.Services.AddSipRegistrar(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var workDir = Directory.CreateTempSubdirectory("pbx-bench-register-");
        var realm = host.Services.GetRequiredService<IOptions<SipRealmOptions>>().Value.Realm;
        await RegisterBench.SeedAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), realm, RegisterBench.FirstExtension, extensions, cancellationToken);
        var injection = Path.Combine(workDir.FullName, "extensions.csv");
        await File.WriteAllTextAsync(injection, RegisterBench.InjectionFile(RegisterBench.FirstExtension, extensions), cancellationToken);
        return new RegisterBenchHost(host, host.Services.GetRequiredService<SipTransportSet>().UdpEndPoints[0], injection, workDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        WorkDir.Delete(recursive: true);
    }
}
