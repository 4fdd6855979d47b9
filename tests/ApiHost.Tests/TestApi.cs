using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

/// <summary>The real API on Kestrel, bound to 127.0.0.1 on a port the OS picks, composed the way the host's Program.cs does.</summary>
internal sealed class TestApi : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-of-more-than-thirty-two-bytes";

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    private TestApi(WebApplication app, NpgsqlDataSource dataSource, Uri baseAddress)
    {
        _app = app;
        _dataSource = dataSource;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static WebApplication Build(
        NpgsqlDataSource dataSource, string environment, IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddApiHost(builder.Configuration);
        // The API requires a grain factory (a silo's or a cluster client's in the product); without a cluster a fake one
        // answers, and a test that watches the grains registers its own after it.
        builder.Services.AddSingleton(new FakeCallGrains().Factory);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapApi();
        return app;
    }

    public static async Task<TestApi> StartAsync(
        string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Api:Jwt:SigningKey"] = SigningKey,
            ["Api:Login:PermitsPerMinute"] = "1000",
            ["Api:Login:FailuresBeforeBackoff"] = "3",
            // Every test signs in from 127.0.0.1: the per-address count across accounts is LoginBackoffTests' to lower.
            ["Api:Login:SourceFailuresBeforeBackoff"] = "10000",
            // System prompts are SystemPromptsTests' to generate, on a database of their own.
            ["Media:EspeakNgPath"] = "",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var app = Build(dataSource, "Testing", all, configureServices);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TestApi(app, dataSource, new Uri(address));
    }

    /// <summary>A client of this API signed in as <paramref name="username"/>, and its token (for the live hub).</summary>
    public async Task<(HttpClient Client, string Token)> SignInAsync(string username, string password = ApiFixture.Password)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (http, token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
