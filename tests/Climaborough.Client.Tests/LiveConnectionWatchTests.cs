namespace Climaborough.Client.Tests;

using System.Threading.Channels;
using Climaborough.Contracts;

/// <summary>
/// The one generic watch of <see cref="LiveConnection"/>, against a real SignalR hub on loopback: it
/// delivers the state read after subscribing, watches again after every reconnect, stops on dispose and
/// reports a refusal with its code.
/// </summary>
public sealed class LiveConnectionWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private WatchTestServer server = null!;
    private LiveConnection live = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await WatchTestServer.StartAsync();
        live = new LiveConnection(server.HubUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await live.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task After_a_reconnect_the_watch_subscribes_again_and_delivers_what_changed_meanwhile()
    {
        server.Labs["l1"] = Lab("l1", "Green corridors");
        await ConnectAsync();
        var states = Channel.CreateUnbounded<LabDetails>();
        var lines = Channel.CreateUnbounded<LabActivity?>();
        await using var watch = await live.WatchAsync(LiveTopics.Lab("l1"), new Watcher<LabDetails>(l => states.Writer.WriteAsync(l, Ct).AsTask())
            .On(LiveEvents.LabChanged, a => lines.Writer.WriteAsync(a, Ct).AsTask()));
        Assert.Equal("Green corridors", (await NextAsync(states)).Summary.Title);

        server.Labs["l1"] = Lab("l1", "Renamed while the tab was away");
        server.DropConnections();

        Assert.Equal("Renamed while the tab was away", (await NextAsync(states)).Summary.Title);
        Assert.Equal(2, server.Calls.Count(c => c == "WatchLab l1"));

        // The new connection hears the lab's events again.
        await server.LabChangedAsync("l1", Line("added-notes", "3", "Vitosha boulevard"));
        Assert.Equal(["3", "Vitosha boulevard"], (await NextAsync(lines))!.Args);
    }

    [Fact]
    public async Task A_disposed_watch_hears_nothing_more_and_the_last_one_of_a_topic_unwatches_on_the_server()
    {
        server.Labs["l1"] = Lab("l1", "Green corridors");
        await ConnectAsync();
        var first = Channel.CreateUnbounded<LabActivity?>();
        var second = Channel.CreateUnbounded<LabActivity?>();
        var a = await live.WatchAsync(LiveTopics.Lab("l1"), new Watcher<LabDetails>(_ => Task.CompletedTask).On(LiveEvents.LabChanged, x => first.Writer.WriteAsync(x, Ct).AsTask()));
        var b = await live.WatchAsync(LiveTopics.Lab("l1"), new Watcher<LabDetails>(_ => Task.CompletedTask).On(LiveEvents.LabChanged, x => second.Writer.WriteAsync(x, Ct).AsTask()));

        await server.LabChangedAsync("l1", Line("joined", "Member"));
        Assert.Equal("joined", (await NextAsync(first))!.Kind);
        Assert.Equal("joined", (await NextAsync(second))!.Kind);

        await a.DisposeAsync();
        Assert.DoesNotContain("UnwatchLab l1", server.Calls);
        await server.LabChangedAsync("l1", Line("left", "Ivan"));
        Assert.Equal("left", (await NextAsync(second))!.Kind);

        // Watchers hear an event one after the other, the first one first: it would have had it by now.
        Assert.False(first.Reader.TryRead(out _));

        await b.DisposeAsync();
        Assert.Contains("UnwatchLab l1", server.Calls);
    }

    [Fact]
    public async Task A_refused_watch_reports_its_code_and_is_tried_again_on_the_next_connection()
    {
        await ConnectAsync();
        var refusals = Channel.CreateUnbounded<WatchRefusal>();
        var states = Channel.CreateUnbounded<LabDetails>();
        await using var watch = await live.WatchAsync(LiveTopics.Lab("l9"), new Watcher<LabDetails>(l => states.Writer.WriteAsync(l, Ct).AsTask())
        {
            OnRefused = r => refusals.Writer.WriteAsync(r, Ct).AsTask(),
        });

        var refusal = await NextAsync(refusals);
        Assert.Equal(ErrorCodes.NotFound, refusal.Code);
        Assert.Contains("there is no lab 'l9'", refusal.Message, StringComparison.Ordinal);
        Assert.False(states.Reader.TryRead(out _));

        // Created meanwhile (or access given): the next connection's watch delivers it.
        server.Labs["l9"] = Lab("l9", "A lab that came later");
        server.DropConnections();
        Assert.Equal("A lab that came later", (await NextAsync(states)).Summary.Title);
    }

    [Fact]
    public async Task Events_reach_only_the_watches_of_their_topic_and_access_lost_ends_the_right_one()
    {
        server.Labs["l1"] = Lab("l1", "One");
        server.Labs["l2"] = Lab("l2", "Two");
        await ConnectAsync();
        var heard = Channel.CreateUnbounded<string>();
        Watcher<LabDetails> Hearing(string id) => new Watcher<LabDetails>(_ => Task.CompletedTask)
        {
            OnAccessLost = () => heard.Writer.WriteAsync(id + " lost", Ct).AsTask(),
        }.On(LiveEvents.LabChanged, a => heard.Writer.WriteAsync(id + " " + a!.Kind, Ct).AsTask());
        await using var one = await live.WatchAsync(LiveTopics.Lab("l1"), Hearing("l1"));
        await using var two = await live.WatchAsync(LiveTopics.Lab("l2"), Hearing("l2"));

        await server.LabChangedAsync("l2", Line("settings", "Two"));
        Assert.Equal("l2 settings", await NextAsync(heard));
        await server.AccessLostAsync("lab", "l1");
        Assert.Equal("l1 lost", await NextAsync(heard));
        await server.LabChangedAsync("l1", Line("settings", "One"));
        Assert.Equal("l1 settings", await NextAsync(heard));
        Assert.False(heard.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Without_a_connection_the_watch_reads_offline_and_the_connection_then_brings_the_live_state()
    {
        server.Labs["l1"] = Lab("l1", "Live title");
        var states = Channel.CreateUnbounded<string>();
        await using var watch = await live.WatchAsync(LiveTopics.Lab("l1"), new Watcher<LabDetails>(l => states.Writer.WriteAsync(l.Summary.Title, Ct).AsTask())
        {
            ReadOffline = () => Task.FromResult<LabDetails?>(Lab("l1", "Title read over REST")),
        });
        Assert.Equal("Title read over REST", await NextAsync(states));

        await ConnectAsync();
        Assert.Equal("Live title", await NextAsync(states));
    }

    private async Task ConnectAsync()
    {
        await live.StartAsync(Ct);
        await live.WaitConnectedAsync(Patience);
    }

    private static async Task<T> NextAsync<T>(Channel<T> channel) => await channel.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct);

    private static LabDetails Lab(string id, string title) =>
        new(new LabSummary(id, "sofia", title, "mobility", LabVisibility.Public, 1, DateTimeOffset.UnixEpoch), string.Empty, string.Empty, [], [], [], LabRole.Member);

    private static LabActivity Line(string kind, params string[] args) => new(DateTimeOffset.UnixEpoch, "Maria Petrova", kind, args);
}
