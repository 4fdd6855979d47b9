using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Pbx.Grains.Runtime;
using Pbx.Grains.Trunks;
using Pbx.Silo.Startup;

namespace Pbx.IntegrationTests;

/// <summary>
/// The embedded PBX (silo, SIP edge, media node; the API is covered by its own tests) built by <see cref="PbxApplication"/>,
/// on loopback with ports chosen by the system, timers shortened so each call test takes seconds.
/// </summary>
internal sealed class PbxHost : IAsyncDisposable
{
    public const string Realm = "pbx.test";
    public const int RtpPortMin = 41000;
    public const int RtpPortMax = 41999;
    public static readonly TimeSpan NoAnswerTimeout = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;

    private PbxHost(WebApplication app) => _app = app;

    public IPEndPoint Udp => _app.Services.GetRequiredService<SipTransportSet>().UdpEndPoints[0];

    public ILiveEvents LiveEvents => _app.Services.GetRequiredService<ILiveEvents>();

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public NpgsqlDataSource Database => _app.Services.GetRequiredService<NpgsqlDataSource>();

    public ExtensionRepository Extensions => _app.Services.GetRequiredService<ExtensionRepository>();

    public ITrunkDirectory TrunkDirectory => _app.Services.GetRequiredService<ITrunkDirectory>();

    /// <param name="connectionString">A fresh database.</param>
    /// <param name="settings">Extra "--Key=value" arguments, later ones winning.</param>
    public static async Task<PbxHost> StartAsync(string connectionString, params string[] settings)
    {
        string[] args =
        [
            $"--Database:ConnectionString={connectionString}",
            "--Urls=http://127.0.0.1:0",
            "--Roles:Api=false",
            "--Seed:Enabled=false",
            "--Log:Level=Warning",
            "--Sip:Udp:0=127.0.0.1:0",
            "--Sip:Tcp:0=127.0.0.1:0",
            $"--Sip:Realm={Realm}",
            "--Sip:Registrar:EdgeNodeId=edge-test",
            // sipp 3.6 answers only the first challenge and knows only MD5.
            "--Sip:Auth:OfferSha256=false",
            "--Media:BindAddress=127.0.0.1",
            "--Media:Address=127.0.0.1",
            $"--Media:RtpPortMin={RtpPortMin.ToString(CultureInfo.InvariantCulture)}",
            $"--Media:RtpPortMax={RtpPortMax.ToString(CultureInfo.InvariantCulture)}",
            $"--Calls:NoAnswerTimeout={NoAnswerTimeout}",
            .. settings,
        ];
        var builder = PbxApplication.CreateBuilder(args);
        var app = PbxApplication.Build(builder, new RoleOptions { Api = false });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(timeout.Token);
        return new PbxHost(app);
    }

    /// <summary>Creates an extension with a known password.</summary>
    public Task AddExtensionAsync(string number, int maxContacts = 2) =>
        Extensions.UpsertAsync(number, $"Phone {number}", Password(number), maxContacts);

    public static string Password(string number) => $"pw-{number}";

    /// <summary>Replaces the extension's settings document and tells its grain, as the API's settings endpoint does.</summary>
    public async Task SetSettingsAsync(string number, string json)
    {
        await using var update = Database.CreateCommand("update extensions set settings = $1::jsonb where number = $2");
        update.Parameters.Add(new NpgsqlParameter { Value = json });
        update.Parameters.Add(new NpgsqlParameter { Value = number });
        (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        await ReloadExtensionAsync(number);
    }

    /// <summary>Tells the extension's grain its row changed (after a test wrote it straight to the database, as the API would).</summary>
    public Task ReloadExtensionAsync(string number) => Grains.GetGrain<IExtensionGrain>(number).ReloadAsync();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
