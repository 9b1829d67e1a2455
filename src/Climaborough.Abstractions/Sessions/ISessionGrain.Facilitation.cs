namespace Climaborough.Abstractions.Sessions;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;

/// <summary>
/// Facilitation of a live workshop: attendance and presence, raised hands, reactions and summons. Same rules as
/// the rest of the session: the lab decides first (who may not read it hears not-found); moderators summon, lower
/// others' hands and read the attendance; signed-in readers raise their hand and react.
/// </summary>
public partial interface ISessionGrain
{
    /// <summary>
    /// A connection joins the workshop (readers). A signed-in <paramref name="actor"/> counts as present, with the
    /// role their lab gives them, until <see cref="LeaveWorkshopAsync"/>; their first connection opens a stay.
    /// </summary>
    Task<Outcome<WorkshopJoin>> AttendAsync(Actor? actor, string labId, string connectionId);

    /// <summary>The connection left (or ended); the person's last connection closes their stay. Unknown connections change nothing.</summary>
    Task LeaveWorkshopAsync(string connectionId);

    /// <summary>Who is present now (readers).</summary>
    Task<Outcome<WorkshopPresence>> PresenceAsync(Actor? actor, string labId);

    /// <summary>Relays a summon to everyone watching (moderators). <paramref name="connectionId"/> is the moderator's, for follow.</summary>
    Task<Outcome<SummonView>> SummonAsync(Actor actor, string labId, string connectionId, SummonRequest request);

    /// <summary>Raises or lowers the actor's own hand (signed-in readers who are present).</summary>
    Task<Outcome<WorkshopPresence>> SetHandAsync(Actor actor, string labId, bool raised);

    /// <summary>Lowers someone's hand (moderators).</summary>
    Task<Outcome<WorkshopPresence>> LowerHandAsync(Actor actor, string labId, string userId);

    /// <summary>Relays an ephemeral reaction (signed-in readers); never stored.</summary>
    Task<Outcome<ReactionView>> ReactAsync(Actor actor, string labId, string reaction);

    /// <summary>The attendance record (moderators).</summary>
    Task<Outcome<AttendanceRecord>> AttendanceAsync(Actor actor, string labId);
}

/// <summary>One person's attendance as stored.</summary>
[GenerateSerializer, Alias("climaborough.session-attendance.v1")]
public sealed class StoredAttendance
{
    /// <summary>Account id.</summary>
    [Id(0)] public string UserId { get; set; } = string.Empty;

    /// <summary>Display name when they last joined.</summary>
    [Id(1)] public string Name { get; set; } = string.Empty;

    /// <summary>Their role when they last joined.</summary>
    [Id(2)] public AttendanceRole Role { get; set; }

    /// <summary>Their stays, oldest first.</summary>
    [Id(3)] public List<StoredStay> Stays { get; set; } = [];
}

/// <summary>A stay as stored.</summary>
[GenerateSerializer, Alias("climaborough.session-stay.v1")]
public sealed class StoredStay
{
    /// <summary>When they came.</summary>
    [Id(0)] public DateTimeOffset JoinedAt { get; set; }

    /// <summary>When they left (null: still there, as far as this activation knows).</summary>
    [Id(1)] public DateTimeOffset? LeftAt { get; set; }
}

/// <summary>A moderator summoned the views of a watched session.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.workshop-summoned.v1")]
public sealed record WorkshopSummoned(string Topic, [property: Id(0)] string SessionId, [property: Id(1)] SummonView Summon) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).Summoned(SessionId, Summon);
}

/// <summary>Who is present in a watched session changed.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.workshop-presence-changed.v1")]
public sealed record WorkshopPresenceChanged(string Topic, [property: Id(0)] string SessionId, [property: Id(1)] WorkshopPresence Presence) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).WorkshopPresenceChanged(SessionId, Presence);
}

/// <summary>Someone reacted in a watched session (ephemeral).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.workshop-reacted.v1")]
public sealed record WorkshopReacted(string Topic, [property: Id(0)] string SessionId, [property: Id(1)] ReactionView Reaction) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).Reacted(SessionId, Reaction);
}
