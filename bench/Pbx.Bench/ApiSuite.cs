using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pbx.ApiHost;
using Pbx.Data.Users;
using Pbx.Grains.Live;
using Pbx.Silo.Live;
using Pbx.TestSupport;

namespace Pbx.Bench;

/// <summary>
/// The REST API over real HTTP: call history list requests per second with p99 on 1,000,000 CDR rows, and SignalR
/// fan-out: live events per second delivered to 1,000 raw WebSocket clients of /hubs/live.
/// </summary>
public sealed class ApiSuite : IBenchSuite
{
    private const string Suite = "api";
    private const byte RecordSeparator = 0x1e;

    public string Name => Suite;

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var cdrs = options.Quick ? 100_000 : 1_000_000;
        var connectionString = PostgresServer.Shared.CreateDatabase("bench");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PrepareDatabaseAsync(dataSource, cdrs, cancellationToken);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Api:Jwt:SigningKey"] = "bench-signing-key-of-more-than-thirty-two-bytes" });
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton<ILiveEvents, InMemoryLiveEvents>();
        builder.Services.AddApiHost(builder.Configuration);
        builder.Services.AddSingleton(NoGrains.Create());
        await using var app = builder.Build();
        app.MapApi();
        await app.StartAsync(cancellationToken);
        var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        try
        {
            using var http = new HttpClient { BaseAddress = baseAddress };
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = "bench", password = "bench password" }, cancellationToken);
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var duration = TimeSpan.FromSeconds(options.Quick ? 2 : 10);
            var rows = new List<BenchRow>();
            foreach (var (name, query) in new[]
            {
                ("number", "number=4123"),
                ("number + date range", "number=4123&from=2025-03-01T00:00:00Z&to=2025-06-01T00:00:00Z"),
                ("direction + disposition", "direction=inbound&disposition=busy"),
                ("sort=-duration", "sort=-duration"),
            })
            {
                await ListAsync(http, query, 16, TimeSpan.FromSeconds(1), cancellationToken);
                var (perSecond, latencies) = await ListAsync(http, query, 16, duration, cancellationToken);
                rows.Add(new BenchRow(Suite, $"CDR list, {name}, {cdrs:N0} rows", $"{perSecond:N0} req/s", "",
                    $"p50 {Millis(latencies, 0.50)} ms, p99 {Millis(latencies, 0.99)} ms, 16 clients, pageSize 50 + total, {Environment.ProcessorCount} cores"));
            }
            rows.Add(await FanOutAsync(baseAddress, token, app.Services.GetRequiredService<ILiveEvents>(), options.Quick ? 20 : 100, cancellationToken));
            return rows;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task PrepareDatabaseAsync(NpgsqlDataSource dataSource, int cdrs, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "Silo", "Persistence", "Migrations"), "*.sql").Order(StringComparer.Ordinal))
            {
                await using var migrate = new NpgsqlCommand(await File.ReadAllTextAsync(file, cancellationToken), connection);
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }
            // 500 extensions, one call a minute over about two years, a realistic mix of directions and outcomes.
            await using var seed = new NpgsqlCommand(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, ended_at, duration_seconds, billable_seconds, disposition)
                select 'bench-' || i, (4000 + i % 500)::text, (4000 + (i * 7) % 500)::text,
                       (array['internal', 'inbound', 'outbound'])[1 + i % 3],
                       timestamptz '2024-01-01' + i * interval '1 minute', timestamptz '2024-01-01' + i * interval '1 minute' + (i % 600) * interval '1 second',
                       i % 600, i % 600, (array['answered', 'answered', 'answered', 'no-answer', 'busy', 'failed'])[1 + i % 6]
                from generate_series(1, @cdrs) i;
                analyze cdrs;
                """, connection);
            seed.Parameters.AddWithValue("cdrs", cdrs);
            seed.CommandTimeout = 600;
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }
        await new UserRepository(dataSource).CreateAsync("bench", "bench password", "admin", cancellationToken: cancellationToken);
    }

    private static async Task<(double PerSecond, double[] Latencies)> ListAsync(HttpClient http, string query, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"/api/v1/calls?{query}&page={1 + mine.Count % 5}", cancellationToken);
                response.EnsureSuccessStatusCode();
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / clock.Elapsed.TotalSeconds, all);
    }

    private static async Task<BenchRow> FanOutAsync(Uri baseAddress, string token, ILiveEvents events, int eventCount, CancellationToken cancellationToken)
    {
        const int clients = 1000;
        var hub = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/live", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        var sockets = new List<ClientWebSocket>(clients);
        try
        {
            for (var i = 0; i < clients; i++)
                sockets.Add(await ConnectAndSubscribeAsync(hub, cancellationToken));
            var clock = Stopwatch.StartNew();
            var receivers = sockets.Select(s => CountEventsAsync(s, eventCount, cancellationToken)).ToArray();
            for (var i = 0; i < eventCount; i++)
                events.Publish("registration", (5000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "registered", new { contact = "sip:bench@127.0.0.1" }, DateTimeOffset.UtcNow);
            await Task.WhenAll(receivers).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            var elapsed = clock.Elapsed;
            return new BenchRow(Suite, $"SignalR fan-out, {clients:N0} clients", $"{(double)clients * eventCount / elapsed.TotalSeconds:N0} events/s", "",
                $"{eventCount} events to each client, all delivered in {elapsed.TotalMilliseconds:N0} ms, JSON protocol over WebSocket");
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Abort();
            foreach (var socket in sockets)
                socket.Dispose();
        }
    }

    private static async Task<ClientWebSocket> ConnectAndSubscribeAsync(Uri hub, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(hub, cancellationToken);
        await SendAsync(socket, """{"protocol":"json","version":1}""", cancellationToken);
        await SendAsync(socket, """{"type":1,"invocationId":"1","target":"Subscribe","arguments":["registration"]}""", cancellationToken);
        // The handshake answer, then the completion of Subscribe (type 3): after it, published events reach this client.
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\"type\":3", StringComparison.Ordinal))
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + (char)RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads until <paramref name="expected"/> event invocations arrived; pings (type 6) are not counted.</summary>
    private static async Task CountEventsAsync(ClientWebSocket socket, int expected, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var marker = "\"target\":\"event\""u8.ToArray();
        var pending = 0;
        var received = 0;
        while (received < expected)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(pending), cancellationToken);
            var filled = pending + result.Count;
            var span = buffer.AsSpan(0, filled);
            int end;
            while ((end = span.IndexOf(RecordSeparator)) >= 0)
            {
                if (span[..end].IndexOf(marker) >= 0)
                    received++;
                span = span[(end + 1)..];
            }
            span.CopyTo(buffer);
            pending = span.Length;
        }
    }

    private static string Millis(double[] sorted, double quantile) =>
        sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))].ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
}
