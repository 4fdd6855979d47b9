using Pbx.Data.Extensions;
using Pbx.Data.IvrMenus;
using Pbx.Data.Prompts;
using Pbx.Data.TimeConditions;
using Pbx.Silo.Persistence;
using Pbx.TestSupport;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Shouldly;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Cdrs;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Orleans;
using Orleans.Runtime;
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
    private readonly string _journalDirectory;

    private PbxHost(WebApplication app, string journalDirectory)
    {
        _app = app;
        _journalDirectory = journalDirectory;
    }

    public IPEndPoint Udp => _app.Services.GetRequiredService<SipTransportSet>().UdpEndPoints[0];

    /// <summary>The HTTP address Kestrel bound (the API, when its role runs, and /metrics).</summary>
    public Uri Http => new(_app.Urls.First());

    public IPEndPoint Tcp => _app.Services.GetRequiredService<SipTransportSet>().TcpEndPoints[0];

    /// <summary>The SIP-over-TLS listener, when the host was started with <c>--Sip:Tls:0=...</c>.</summary>
    public IPEndPoint Tls => Transports.TlsEndPoints[0];

    /// <summary>The edge's sockets and open connections.</summary>
    public SipTransportSet Transports => _app.Services.GetRequiredService<SipTransportSet>();

    /// <summary>Where phones reach the PBX over <paramref name="transport"/>, "udp", "tcp" or "tls".</summary>
    public IPEndPoint SipEndPoint(string transport) => transport switch { "tcp" => Tcp, "tls" => Tls, _ => Udp };

    public ILiveEvents LiveEvents => _app.Services.GetRequiredService<ILiveEvents>();

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public NpgsqlDataSource Database => _app.Services.GetRequiredService<NpgsqlDataSource>();

    public ExtensionRepository Extensions => _app.Services.GetRequiredService<ExtensionRepository>();

    public IvrMenuRepository Menus => _app.Services.GetRequiredService<IvrMenuRepository>();

    public PromptRepository Prompts => _app.Services.GetRequiredService<PromptRepository>();

    public TimeConditionRepository TimeConditions => _app.Services.GetRequiredService<TimeConditionRepository>();

    public ITrunkDirectory TrunkDirectory => _app.Services.GetRequiredService<ITrunkDirectory>();

    public CdrRecovery CdrRecovery => _app.Services.GetRequiredService<CdrRecovery>();

    public CdrJournal CdrJournal => _app.Services.GetRequiredService<CdrJournal>();

    public DatabaseWatch DatabaseWatch => _app.Services.GetRequiredService<DatabaseWatch>();

    /// <summary>This host's silo as CDR rows name their owner (<c>SiloAddress.ToParsableString()</c>).</summary>
    public string SiloAddress => _app.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <summary>
    /// The CDR journal directory of the PBX on <paramref name="connectionString"/>'s database: a host started again on the
    /// same database finds what the previous one spilled, and hosts of parallel tests never share one.
    /// </summary>
    public static string JournalDirectory(string connectionString) =>
        Path.Combine(Path.GetTempPath(), "pbx-cdr-journal", new NpgsqlConnectionStringBuilder(connectionString).Database!);

    /// <param name="connectionString">A fresh database.</param>
    /// <param name="settings">Extra "--Key=value" arguments, later ones winning.</param>
    public static Task<PbxHost> StartAsync(string connectionString, params string[] settings) =>
        StartAsync(connectionString, new RoleOptions { Api = false }, settings);

    /// <param name="connectionString">A fresh database, or the one another host of the same cluster uses.</param>
    /// <param name="roles">The roles this host runs; without the silo it is a client of the silos on the same database.</param>
    /// <param name="settings">Extra "--Key=value" arguments, later ones winning.</param>
    public static async Task<PbxHost> StartAsync(string connectionString, RoleOptions roles, params string[] settings)
    {
        var args = Arguments(connectionString, settings);
        var builder = PbxApplication.CreateBuilder(args);
        var app = PbxApplication.Build(builder, roles);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(timeout.Token);
        return new PbxHost(app, app.Services.GetRequiredService<IOptions<CdrOptions>>().Value.JournalPath);
    }

    /// <summary>The binary as a process of its own with the test settings (<see cref="Arguments"/>), SIP on a fresh port.</summary>
    public static Task<PbxProcess> StartProcessAsync(string connectionString, params string[] settings)
    {
        var sip = FreePort.UdpAndTcp();
        var port = sip.ToString(CultureInfo.InvariantCulture);
        return PbxProcess.StartAsync(Arguments(connectionString, [$"--Sip:Udp:0=127.0.0.1:{port}", $"--Sip:Tcp:0=127.0.0.1:{port}", .. settings]), sip);
    }

    /// <summary>
    /// The command line of a test PBX on <paramref name="connectionString"/>, with <paramref name="settings"/> last (later
    /// ones win): what <see cref="StartAsync"/> builds its host from, and what <see cref="StartProcessAsync"/> runs the binary with.
    /// </summary>
    public static string[] Arguments(string connectionString, IEnumerable<string> settings) =>
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
        "--Media:BindAddress=127.0.0.1",
        "--Media:Address=127.0.0.1",
        $"--Media:RtpPortMin={RtpPortMin.ToString(CultureInfo.InvariantCulture)}",
        $"--Media:RtpPortMax={RtpPortMax.ToString(CultureInfo.InvariantCulture)}",
        $"--Calls:NoAnswerTimeout={NoAnswerTimeout}",
        $"--Cdrs:JournalDirectory={JournalDirectory(connectionString)}",
        .. FreePort.LoneSilo().Select(setting => $"--{setting.Key}={setting.Value}"),
        .. settings,
    ];

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
        // A journal with writes left in it stays for the next host on the same database, as it would for the next run.
        if (new FileInfo(Path.Combine(_journalDirectory, CdrJournal.FileName)) is { Exists: true, Length: 0 })
            Directory.Delete(_journalDirectory, recursive: true);
    }
}
