namespace Climaborough.Server.Tests.Boards;

using Climaborough.Client;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A signed-in user's hub connection holding a replica of one board.</summary>
internal sealed class BoardHubClient(Uri server, string user, string boardId) : IAsyncDisposable
{
    private readonly object gate = new();
    private HubConnection? connection;

    public BoardReplica Replica { get; } = new();

    public object Gate => gate;

    public HubConnection Connection => connection ?? throw new InvalidOperationException("Not connected.");

    public List<Participant> Seen { get; } = [];

    public static HubConnection Connect(Uri server, string? user) => TestHubs.For(server, user);

    /// <summary>Connects (again) and joins with the last sequence number seen.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        connection = Connect(server, user);
        connection.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (_, ops) =>
        {
            lock (gate)
            {
                foreach (var op in ops)
                {
                    Replica.Receive(op);
                }
            }
        });
        connection.On<string, Participant>(nameof(ILiveClient.PresenceChanged), (_, p) =>
        {
            lock (gate)
            {
                Seen.Add(p);
            }
        });
        await connection.StartAsync(cancellationToken);
        await JoinAsync(cancellationToken);
    }

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        long lastSeq;
        lock (gate)
        {
            lastSeq = Replica.Seq;
        }

        var join = await Connection.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, lastSeq, cancellationToken);
        lock (gate)
        {
            Replica.Load(join);
        }
    }

    public Task<EditResult> EditAsync(BoardEdit edit, CancellationToken cancellationToken) =>
        Connection.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, edit, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
