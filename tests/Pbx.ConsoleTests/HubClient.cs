using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pbx.ConsoleTests;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a WebSocket (the .NET client package does not restore here):
/// handshake, invocations with completions, and incoming invocations collected as messages.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;
    private readonly StringBuilder _pending = new();
    private int _nextInvocationId;

    private HubClient(ClientWebSocket socket) => _socket = socket;

    public static async Task<string> SignInAsync(Uri baseAddress, string username, string password)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Connects to <c>/hubs/live</c> with the token in the query string, as browsers must, and completes the handshake.</summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string? token)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/live", Query = token is null ? "" : $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        var client = new HubClient(socket);
        await client.SendAsync(new JsonObject { ["protocol"] = "json", ["version"] = 1 });
        var handshake = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (handshake["error"] is { } error)
            throw new InvalidOperationException($"handshake refused: {error}");
        return client;
    }

    /// <summary>Invokes a hub method and returns the completion's error, or null when it succeeded.</summary>
    public async Task<string?> InvokeAsync(string target, params string[] arguments)
    {
        var id = (++_nextInvocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = new JsonArray([.. arguments.Select(a => JsonValue.Create(a))]),
        });
        while (true)
        {
            var message = await ReceiveAsync(TimeSpan.FromSeconds(10));
            if (message["type"]?.GetValue<int>() == 3 && message["invocationId"]?.GetValue<string>() == id)
                return message["error"]?.GetValue<string>();
        }
    }

    /// <summary>The arguments of the next <c>event</c> invocation the server sends, skipping pings; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonNode> NextEventAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var message = await ReceiveAsync(timeout, deadline.Token);
            if (message["type"]?.GetValue<int>() == 1 && message["target"]?.GetValue<string>() == "event")
                return message["arguments"]![0]!;
        }
    }

    /// <summary>The id of <paramref name="caller"/>'s call once the live stream says it is answered (the board has it by then).</summary>
    public async Task<string> AnsweredCallIdAsync(string caller)
    {
        while (true)
        {
            var received = await NextEventAsync(TimeSpan.FromSeconds(15));
            if (received["kind"]!.GetValue<string>() == "answered" && received["data"]?["caller"]?.GetValue<string>() == caller)
                return received["key"]!.GetValue<string>();
        }
    }

    private async Task SendAsync(JsonObject message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString() + RecordSeparator);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    private async Task<JsonObject> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(timeout);
        var buffer = new byte[8192];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return JsonNode.Parse(text[..end])!.AsObject();
            }
            var result = await _socket.ReceiveAsync(buffer, linked.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException($"the hub closed the connection: {result.CloseStatusDescription}");
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        _socket.Dispose();
    }
}
