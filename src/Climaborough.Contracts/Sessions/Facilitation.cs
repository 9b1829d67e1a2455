namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>
/// What facilitators locked on a board for participants: the whole board, or chosen elements (a locked frame
/// also locks what lies inside its bounds, and nothing may be put inside it). Facilitators (the lab's owners and
/// moderators) are never locked out. The board enforces it on every op.
/// </summary>
public sealed record FacilitatorLocks(bool Board, IReadOnlyList<string> ElementIds)
{
    /// <summary>Nothing locked.</summary>
    public static FacilitatorLocks None { get; } = new(false, []);

    /// <summary>Whether anything is locked.</summary>
    [JsonIgnore]
    public bool Any => Board || ElementIds.Count > 0;
}

/// <summary>Limits of facilitation.</summary>
public static class FacilitationLimits
{
    /// <summary>Most elements locked one by one on a board.</summary>
    public const int MaxLockedElements = 500;

    /// <summary>The reactions a participant may send (ephemeral, never stored).</summary>
    public static readonly IReadOnlyList<string> Reactions = ["👍", "❤️", "👏", "😂", "🤔", "🎉"];
}

/// <summary>What a moderator asks of everyone's view.</summary>
[JsonConverter(typeof(StrictEnumConverter<SummonKind>))]
public enum SummonKind
{
    /// <summary>Brings every participant's view once to <see cref="SummonRequest.View"/>.</summary>
    Bring,

    /// <summary>Views track the moderator's board view (their presence) until released or a participant opts out.</summary>
    Follow,

    /// <summary>Ends <see cref="Follow"/>.</summary>
    Release,

    /// <summary>Brings every view to one element and highlights it.</summary>
    Spotlight,
}

/// <summary>
/// A summon (moderators). <see cref="View"/> is required for <see cref="SummonKind.Bring"/>,
/// <see cref="ElementId"/> for <see cref="SummonKind.Spotlight"/>.
/// </summary>
public sealed record SummonRequest(SummonKind Kind, BoardViewport? View = null, string? ElementId = null);

/// <summary>
/// A summon as every watcher of the session hears it. <see cref="LeaderConnection"/> is the moderator's
/// connection, which is also their presence id on the board: for <see cref="SummonKind.Follow"/>, views track
/// the participant with that presence id.
/// </summary>
public sealed record SummonView(string SessionId, SummonKind Kind, string ByUserId, string ByName, string? LeaderConnection, BoardViewport? View, string? ElementId, DateTimeOffset At);

/// <summary>How someone takes part in a workshop: from their role in the lab.</summary>
[JsonConverter(typeof(StrictEnumConverter<AttendanceRole>))]
public enum AttendanceRole
{
    /// <summary>Owners and moderators of the lab: they run it.</summary>
    Facilitator,

    /// <summary>Members: they add notes and vote.</summary>
    Participant,

    /// <summary>Observers and other readers: they watch.</summary>
    Observer,
}

/// <summary>Someone present in a workshop now (ephemeral).</summary>
public sealed record PresentPerson(string UserId, string Name, AttendanceRole Role, DateTimeOffset? HandRaisedAt);

/// <summary>Who is in a workshop now, and whose hands are up (oldest first).</summary>
public sealed record WorkshopPresence(string SessionId, int Present, IReadOnlyList<PresentPerson> People, long Version);

/// <summary>One stay in a workshop: from joining to leaving (null: still there).</summary>
public sealed record AttendanceStay(DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);

/// <summary>One person's attendance: every stay and the time in total, up to now.</summary>
public sealed record AttendanceEntry(string UserId, string Name, AttendanceRole Role, IReadOnlyList<AttendanceStay> Stays, int TotalSeconds);

/// <summary>A workshop's attendance as kept by the session (moderators).</summary>
public sealed record AttendanceRecord(string SessionId, int Present, IReadOnlyList<AttendanceEntry> People);

/// <summary>What joining a workshop answers: the session and who is there.</summary>
public sealed record WorkshopJoin(SessionView Session, WorkshopPresence Presence);

/// <summary>An ephemeral reaction (never stored).</summary>
public sealed record ReactionView(string SessionId, string UserId, string Name, string Reaction, DateTimeOffset At);

/// <summary>
/// Answer of the facilitation hub methods that may be refused for a reason the caller can act on
/// (<c>forbidden</c>, <c>invalid</c>, <c>element-locked</c>): nothing changed then. Not-found is a hub error.
/// </summary>
public sealed record FacilitationAnswer(bool Ok, string? ErrorCode = null, string? Error = null);

/// <summary>The one rule of facilitator locks, shared by the board grain (which enforces it) and the browser (which disables the tools).</summary>
public static class LockRules
{
    /// <summary>
    /// Whether <paramref name="element"/> (as it is, or as an op would leave it) is locked for participants: the whole
    /// board is locked, it is locked itself, or it lies inside a locked frame of <paramref name="elements"/>.
    /// </summary>
    public static bool IsLocked(FacilitatorLocks? locks, BoardElement element, IReadOnlyDictionary<string, BoardElement> elements)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(elements);
        if (locks is null || !locks.Any)
        {
            return false;
        }

        if (locks.Board || locks.ElementIds.Contains(element.Id, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var id in locks.ElementIds)
        {
            if (id != element.Id && elements.TryGetValue(id, out var frame) && frame is { Kind: ElementKind.Frame, Deleted: false } && BoardGeometry.IsInside(element, frame))
            {
                return true;
            }
        }

        return false;
    }
}
