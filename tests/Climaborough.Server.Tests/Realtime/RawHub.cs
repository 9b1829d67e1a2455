namespace Climaborough.Server.Tests.Realtime;

using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Climaborough.Contracts;

/// <summary>A hub connection over a bare WebSocket with the JSON protocol: every text frame the server sends is kept as it came.</summary>
internal sealed class RawHub : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> frames = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> pending = new();
    private Task? reader;
    private int nextId;

    public IReadOnlyCollection<string> Frames => frames;

    public static async Task<RawHub> ConnectAsync(Uri node, string token)
    {
        var hub = new RawHub();
        hub.socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        var url = new UriBuilder(new Uri(node, LivePaths.Hub.TrimStart('/'))) { Scheme = node.Scheme == "https" ? "wss" : "ws" }.Uri;
        await hub.socket.ConnectAsync(url, TestContext.Current.CancellationToken);
        await hub.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        hub.reader = hub.ReadAsync();
        return hub;
    }

    /// <summary>Invokes a hub method and waits for its completion (a hub error fails the test).</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args)
    {
        var id = Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = pending[id] = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments = args }, BoardJson.Options));
        var completion = await done.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(completion.TryGetProperty("error", out var error), $"{method}: {error}");
        return completion;
    }

    /// <summary>The arguments of every invocation of <paramref name="target"/> the server sent.</summary>
    public IEnumerable<JsonElement[]> Invocations(string target) =>
        frames.Select(f => JsonDocument.Parse(f).RootElement)
            .Where(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == target)
            .Select(m => m.GetProperty("arguments").EnumerateArray().ToArray());

    private Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
                var all = text.ToString();
                var end = all.LastIndexOf(RecordSeparator);
                if (end < 0)
                {
                    continue;
                }

                text.Clear().Append(all[(end + 1)..]);
                foreach (var message in all[..end].Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (message == "{}")
                    {
                        continue; // the handshake's answer
                    }

                    frames.Enqueue(message);
                    var root = JsonDocument.Parse(message).RootElement;
                    if (root.GetProperty("type").GetInt32() == 3 && pending.TryRemove(root.GetProperty("invocationId").GetString()!, out var done))
                    {
                        done.TrySetResult(root.Clone());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (reader is not null)
        {
            await reader;
        }

        socket.Dispose();
        stop.Dispose();
    }
}
