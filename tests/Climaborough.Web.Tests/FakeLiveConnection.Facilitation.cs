namespace Climaborough.Web.Tests;

using Climaborough.Contracts;

/// <summary>Workshop mode's hub calls on the fake connection: recorded, answered as the test decides (by default: allowed).</summary>
public sealed partial class FakeLiveConnection
{
    /// <summary>Facilitation calls received: method and its main argument.</summary>
    public List<(string Method, object? Argument)> FacilitationCalls { get; } = [];

    /// <summary>What joining a workshop answers (null: refused as not found).</summary>
    public WorkshopJoin? WorkshopJoinAnswer { get; set; }

    /// <summary>The answer to summons, hands and reactions.</summary>
    public FacilitationAnswer FacilitationAnswer { get; set; } = new(true);

    /// <summary>What the attendance record answers (null: the caller does not moderate).</summary>
    public AttendanceRecord? AttendanceAnswer { get; set; }

    /// <summary>The answer to setting locks.</summary>
    public EditResult LocksAnswer { get; set; } = new(true, 1);

    public Task<WorkshopJoin> JoinWorkshopAsync(string labId, string sessionId)
    {
        FacilitationCalls.Add((nameof(ILiveHub.JoinWorkshop), sessionId));
        return WorkshopJoinAnswer is { } join ? Task.FromResult(join) : Task.FromException<WorkshopJoin>(new Microsoft.AspNetCore.SignalR.HubException("not-found: there is no session"));
    }

    public Task LeaveWorkshopAsync(string sessionId)
    {
        FacilitationCalls.Add((nameof(ILiveHub.LeaveWorkshop), sessionId));
        return Task.CompletedTask;
    }

    public Task<FacilitationAnswer> SummonAsync(string labId, string sessionId, SummonRequest request) => Record(nameof(ILiveHub.Summon), request);

    public Task<FacilitationAnswer> SetHandAsync(string labId, string sessionId, bool raised) => Record(nameof(ILiveHub.SetHand), raised);

    public Task<FacilitationAnswer> LowerHandAsync(string labId, string sessionId, string userId) => Record(nameof(ILiveHub.LowerHand), userId);

    public Task<FacilitationAnswer> ReactAsync(string labId, string sessionId, string reaction) => Record(nameof(ILiveHub.React), reaction);

    public Task<AttendanceRecord?> WorkshopAttendanceAsync(string labId, string sessionId)
    {
        FacilitationCalls.Add((nameof(ILiveHub.WorkshopAttendance), sessionId));
        return Task.FromResult(AttendanceAnswer);
    }

    public Task<EditResult> SetBoardLocksAsync(string boardId, FacilitatorLocks locks)
    {
        FacilitationCalls.Add((nameof(ILiveHub.SetBoardLocks), locks));
        return Task.FromResult(LocksAnswer);
    }

    public event Action<BoardInfo>? BoardInfoChanged;

    /// <summary>The board's metadata changed, as the hub would say.</summary>
    public void RaiseBoardChanged(BoardInfo board) => BoardInfoChanged?.Invoke(board);

    private Task<FacilitationAnswer> Record(string method, object? argument)
    {
        FacilitationCalls.Add((method, argument));
        return Task.FromResult(FacilitationAnswer);
    }
}
