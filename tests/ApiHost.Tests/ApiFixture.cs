using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using Pbx.ApiHost.Auth;
using Microsoft.Extensions.Options;
using Pbx.Data.Extensions;
using Pbx.Data.Users;
using Pbx.Grains.Extensions;
using Pbx.TestSupport;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// One migrated database and one running API shared by the test classes of <see cref="ApiCollection"/>, with a
/// user per role. Tests use their own numbers and names, so they do not see each other's rows.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    private readonly PostgresDatabase _database = new();
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private TestApi? _api;

    public string ConnectionString => _database.ConnectionString;

    public NpgsqlDataSource Db { get; private set; } = null!;

    public UserRepository Users { get; private set; } = null!;

    public Uri BaseAddress => _api!.BaseAddress;

    public async Task InitializeAsync()
    {
        await ProductionSchema.ApplyAsync(ConnectionString);
        Db = NpgsqlDataSource.Create(ConnectionString);
        Users = new UserRepository(Db);
        foreach (var role in Roles.All)
            await Users.CreateAsync(role, Password, role);
        _api = await TestApi.StartAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        await Db.DisposeAsync();
    }

    /// <summary>A phone user (<see cref="Roles.User"/>) with <see cref="Password"/> of extension <paramref name="number"/>, created with the extension when missing.</summary>
    public async Task CreatePhoneUserAsync(string username, string number)
    {
        var extensions = new ExtensionRepository(Db, Options.Create(new SipRealmOptions()), TimeProvider.System);
        await extensions.CreateAsync(number, "", Password, enabled: true, maxContacts: 5, CancellationToken.None);
        await Users.CreateAsync(username, Password, Roles.User, number);
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A client signed in as <paramref name="username"/> with <see cref="Password"/>: a role's name for the seeded user of that role.</summary>
    public async Task<HttpClient> SignedInAsync(string username)
    {
        var client = Anonymous();
        if (!_tokens.TryGetValue(username, out var token))
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = Password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
            _tokens[username] = token;
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
