namespace Climaborough.Contracts;

/// <summary>The facilitation part of <see cref="ILiveHub"/>: workshop mode on the board page (docs/protocol.md, "Facilitation").</summary>
public interface IFacilitationHub
{
    /// <summary>Joins a workshop: follows it live (readers of its lab) and, signed in, counts as present until <see cref="LeaveWorkshop"/> or the connection ends.</summary>
    /// <exception>A hub error <c>not-found</c> when the session does not exist in that lab or the caller may not read the lab.</exception>
    Task<WorkshopJoin> JoinWorkshop(string labId, string sessionId);

    /// <summary>Leaves a workshop (stops following it and ends the stay).</summary>
    Task LeaveWorkshop(string sessionId);

    /// <summary>Brings everyone to a view, has them follow, releases them or spotlights an element (moderators).</summary>
    Task<FacilitationAnswer> Summon(string labId, string sessionId, SummonRequest request);

    /// <summary>Raises or lowers the caller's own hand (signed-in readers present in the workshop).</summary>
    Task<FacilitationAnswer> SetHand(string labId, string sessionId, bool raised);

    /// <summary>Lowers someone's hand (moderators).</summary>
    Task<FacilitationAnswer> LowerHand(string labId, string sessionId, string userId);

    /// <summary>Sends an ephemeral reaction, one of <see cref="FacilitationLimits.Reactions"/> (signed-in readers).</summary>
    Task<FacilitationAnswer> React(string labId, string sessionId, string reaction);

    /// <summary>The workshop's attendance: who joined and left when, for how long, in which role (moderators).</summary>
    /// <exception>A hub error <c>not-found</c> when the session does not exist in that lab or the caller may not read the lab.</exception>
    Task<AttendanceRecord?> WorkshopAttendance(string labId, string sessionId);

    /// <summary>Sets the facilitator locks of a lab's board (its lab's owners and moderators); answers like an op.</summary>
    Task<EditResult> SetBoardLocks(string boardId, FacilitatorLocks locks);
}

/// <summary>The facilitation part of <see cref="ILiveClient"/>, heard by the watchers of a session.</summary>
public interface IFacilitationClient
{
    /// <summary>A moderator summoned everyone's view.</summary>
    Task Summoned(string sessionId, SummonView summon);

    /// <summary>Who is present changed (joined, left, hand raised or lowered).</summary>
    Task WorkshopPresenceChanged(string sessionId, WorkshopPresence presence);

    /// <summary>Someone reacted (ephemeral).</summary>
    Task Reacted(string sessionId, ReactionView reaction);
}
