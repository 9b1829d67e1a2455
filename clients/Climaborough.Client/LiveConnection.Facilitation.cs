namespace Climaborough.Client;

using Climaborough.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>Workshop mode's hub calls (docs/protocol.md, "Facilitation").</summary>
public partial interface ILiveConnection
{
    /// <summary>Joins a workshop on this connection (counted present; watch its topic for the events). Again after a reconnect.</summary>
    Task<WorkshopJoin> JoinWorkshopAsync(string labId, string sessionId);

    /// <summary>Ends this connection's stay in a workshop.</summary>
    Task LeaveWorkshopAsync(string sessionId);

    /// <summary>Summons everyone's view (moderators).</summary>
    Task<FacilitationAnswer> SummonAsync(string labId, string sessionId, SummonRequest request);

    /// <summary>Raises or lowers one's own hand.</summary>
    Task<FacilitationAnswer> SetHandAsync(string labId, string sessionId, bool raised);

    /// <summary>Lowers someone's hand (moderators).</summary>
    Task<FacilitationAnswer> LowerHandAsync(string labId, string sessionId, string userId);

    /// <summary>Sends an ephemeral reaction.</summary>
    Task<FacilitationAnswer> ReactAsync(string labId, string sessionId, string reaction);

    /// <summary>The attendance record (moderators; null for others).</summary>
    Task<AttendanceRecord?> WorkshopAttendanceAsync(string labId, string sessionId);

    /// <summary>Sets a lab board's facilitator locks (moderators).</summary>
    Task<EditResult> SetBoardLocksAsync(string boardId, FacilitatorLocks locks);

    /// <summary>A joined board's metadata changed (title, lock, facilitator locks).</summary>
    event Action<BoardInfo>? BoardInfoChanged;
}

/// <summary>Workshop mode's hub calls.</summary>
public sealed partial class LiveConnection
{
    private Action<BoardInfo>? boardInfoChanged;
    private IDisposable? boardInfoBinding;

    /// <inheritdoc />
    public event Action<BoardInfo>? BoardInfoChanged
    {
        add
        {
            // Bound on first use: the hub connection takes handlers at any time.
            boardInfoBinding ??= connection.On<BoardInfo>(nameof(ILiveClient.BoardChanged), board => boardInfoChanged?.Invoke(board));
            boardInfoChanged += value;
        }

        remove => boardInfoChanged -= value;
    }

    /// <inheritdoc />
    public Task<WorkshopJoin> JoinWorkshopAsync(string labId, string sessionId) => connection.InvokeAsync<WorkshopJoin>(nameof(ILiveHub.JoinWorkshop), labId, sessionId);

    /// <inheritdoc />
    public Task LeaveWorkshopAsync(string sessionId) => connection.InvokeAsync(nameof(ILiveHub.LeaveWorkshop), sessionId);

    /// <inheritdoc />
    public Task<FacilitationAnswer> SummonAsync(string labId, string sessionId, SummonRequest request) => connection.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.Summon), labId, sessionId, request);

    /// <inheritdoc />
    public Task<FacilitationAnswer> SetHandAsync(string labId, string sessionId, bool raised) => connection.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.SetHand), labId, sessionId, raised);

    /// <inheritdoc />
    public Task<FacilitationAnswer> LowerHandAsync(string labId, string sessionId, string userId) => connection.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.LowerHand), labId, sessionId, userId);

    /// <inheritdoc />
    public Task<FacilitationAnswer> ReactAsync(string labId, string sessionId, string reaction) => connection.InvokeAsync<FacilitationAnswer>(nameof(ILiveHub.React), labId, sessionId, reaction);

    /// <inheritdoc />
    public Task<AttendanceRecord?> WorkshopAttendanceAsync(string labId, string sessionId) => connection.InvokeAsync<AttendanceRecord?>(nameof(ILiveHub.WorkshopAttendance), labId, sessionId);

    /// <inheritdoc />
    public Task<EditResult> SetBoardLocksAsync(string boardId, FacilitatorLocks locks) => connection.InvokeAsync<EditResult>(nameof(ILiveHub.SetBoardLocks), boardId, locks);
}
