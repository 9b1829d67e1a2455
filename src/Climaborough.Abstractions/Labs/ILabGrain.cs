namespace Climaborough.Abstractions.Labs;

using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;

/// <summary>
/// One living lab (workspace): metadata, members and roles, visibility, invitations, the index of its
/// boards and threads, and an activity feed. Every method takes the acting person as the server
/// authenticated them and decides with <see cref="LabPolicy"/> — inside the grain, so the check and
/// the change cannot be separated by another call.
/// </summary>
[LiveTopic(TopicNames.LabKind)]
public interface ILabGrain : IGrainWithStringKey, ITopicGrain
{
    /// <summary>Creates the lab in the actor's city, with the actor as its first owner.</summary>
    Task<Outcome<LabDetails>> CreateAsync(Actor actor, CreateLabRequest request);

    /// <summary>The lab as <paramref name="actor"/> may see it (<c>not-found</c> when they may not, as when it does not exist).</summary>
    Task<Outcome<LabDetails>> ViewAsync(Actor? actor);

    /// <summary>Whether <paramref name="actor"/> may do <paramref name="action"/> here (false for a lab that does not exist).</summary>
    Task<bool> AllowsAsync(Actor? actor, LabAction action);

    /// <summary>Everything <paramref name="actor"/> may do here, decided once (for callers that check several actions, such as threads).</summary>
    Task<LabAccess> AccessAsync(Actor? actor);

    /// <summary>Summary for lists, if the lab exists and <paramref name="actor"/> may read it.</summary>
    Task<LabSummary?> SummaryAsync(Actor? actor);

    /// <summary>Changes title, theme, description, visibility (moderators).</summary>
    Task<Outcome<LabDetails>> UpdateAsync(Actor actor, LabSettingsRequest settings);

    /// <summary>Invites an existing account (<paramref name="userId"/>) or anyone with the link (<paramref name="tokenHash"/>); inviting the same person again returns the same invitation.</summary>
    Task<Outcome<LabInvitation>> InviteAsync(Actor actor, string? userId, string? email, string? tokenHash, LabRole role);

    /// <summary>Accepts an invitation made to the actor's account, or by link (<paramref name="tokenHash"/>).</summary>
    Task<Outcome<LabDetails>> AcceptAsync(Actor actor, string? invitationId, string? tokenHash);

    /// <summary>
    /// The open invitation whose link token hashes to <paramref name="tokenHash"/>, for its holder (who may
    /// have no account yet): the lab, inviter, role, and the invited email (for the registration form only).
    /// <c>not-found</c> for any other token, as for a lab that does not exist.
    /// </summary>
    Task<Outcome<InvitationByLink>> PreviewInvitationAsync(string tokenHash);

    /// <summary>Changes a member's role (moderators; the last owner cannot be demoted).</summary>
    Task<Outcome<LabDetails>> SetRoleAsync(Actor actor, string userId, LabRole role);

    /// <summary>Removes a member (moderators; members may leave; the last owner cannot go).</summary>
    Task<Outcome<LabDetails>> RemoveAsync(Actor actor, string userId);

    /// <summary>
    /// The id of a board or thread (<paramref name="kind"/>) that the actor asks to create with
    /// <paramref name="requestId"/>: the one given the first time, else <paramref name="newId"/> (remembered,
    /// bounded), so a repeated request creates nothing twice. Needs Contribute (refused as creating is).
    /// </summary>
    Task<Outcome<string>> ClaimContentIdAsync(Actor actor, string kind, string requestId, string newId);

    /// <summary>Adds a board or thread to the lab's index (contributors).</summary>
    Task<Outcome<LabContent>> AddContentAsync(Actor actor, LabContent content);

    /// <summary>Adds a line to the activity feed (for example "added 12 notes to …"); the board grain calls it once per written batch.</summary>
    [Orleans.Concurrency.OneWay]
    Task RecordAsync(Actor actor, string kind, IReadOnlyList<string> args);
}

/// <summary>The acting person, as authenticated: account id, display name, city (partner city) if any, and user name (to tell look-alike display names apart).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.actor.v1")]
public sealed record Actor([property: Id(0)] string UserId, [property: Id(1)] string Name, [property: Id(2)] string? CityId, [property: Id(3)] string? UserName = null);

/// <summary>
/// What one person may do in one lab, as <see cref="LabPolicy"/> decided it (all false for a lab that
/// does not exist); <see cref="Summary"/> only when they may read it.
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.lab-access.v1")]
public sealed record LabAccess(
    [property: Id(0)] LabSummary? Summary,
    [property: Id(1)] bool Read,
    [property: Id(2)] bool Contribute,
    [property: Id(3)] bool Participate,
    [property: Id(4)] bool Moderate,
    [property: Id(5)] bool Comment = false)
{
    /// <summary>No lab, or nothing allowed.</summary>
    public static readonly LabAccess None = new(null, false, false, false, false);

    /// <summary>Whether <paramref name="action"/> is allowed.</summary>
    public bool Allows(LabAction action) => action switch
    {
        LabAction.Read => Read,
        LabAction.Contribute => Contribute,
        LabAction.Participate => Participate,
        LabAction.Moderate => Moderate,
        LabAction.Comment => Comment,
        _ => false,
    };

    /// <summary>
    /// Null when <paramref name="action"/> is allowed; otherwise <c>forbidden</c> when the person may
    /// read the lab, and <c>not-found</c> (<paramref name="notFound"/>) when they may not, so a private
    /// lab's existence is never revealed.
    /// </summary>
    public Refusal? Refuse(LabAction action, string notFound, string? forbidden = null) =>
        Allows(action) ? null
        : Read ? Refusal.Forbidden(forbidden ?? $"Your role in this lab does not allow this ({action}).")
        : Refusal.NotFound(notFound);
}

/// <summary>An open invitation by link, as its holder sees it (the email only for the server's registration form).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.invitation-by-link.v1")]
public sealed record InvitationByLink([property: Id(0)] LabInvitationPreview Preview, [property: Id(1)] string? Email);

/// <summary>A lab changed (settings, members, contents or activity): watchers reload or apply it.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.lab-changed.v1")]
public sealed record LabChanged(string Topic, [property: Id(0)] string LabId, [property: Id(1)] LabActivity? Activity) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).LabChanged(LabId, Activity);
}

/// <summary>Stored state of a lab.</summary>
[GenerateSerializer, Alias("climaborough.lab-state.v1")]
public sealed class LabState
{
    /// <summary>Whether the lab was created.</summary>
    [Id(0)] public bool Created { get; set; }

    /// <summary>The city it belongs to.</summary>
    [Id(1)] public string CityId { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    [Id(2)] public string Title { get; set; } = string.Empty;

    /// <summary>ClimHub theme or a custom one.</summary>
    [Id(3)] public string Theme { get; set; } = string.Empty;

    /// <summary>Markdown description.</summary>
    [Id(4)] public string Description { get; set; } = string.Empty;

    /// <summary>Who may read.</summary>
    [Id(5)] public LabVisibility Visibility { get; set; }

    /// <summary>When it was created.</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Members by account id.</summary>
    [Id(7)] public Dictionary<string, StoredMember> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Invitations, open and accepted.</summary>
    [Id(8)] public List<StoredInvitation> Invitations { get; set; } = [];

    /// <summary>Boards and threads.</summary>
    [Id(9)] public List<LabContent> Contents { get; set; } = [];

    /// <summary>The description as safe HTML (rendered once when saved).</summary>
    [Id(11)] public string DescriptionHtml { get; set; } = string.Empty;

    /// <summary>The newest activity lines (oldest first).</summary>
    [Id(10)] public List<LabActivity> Activity { get; set; } = [];

    /// <summary>Request ids of creations in the lab (boards, threads), newest last (see <see cref="RequestIds"/>).</summary>
    [Id(12)] public List<RememberedRequest> Requests { get; set; } = [];
}

/// <summary>A member as stored.</summary>
[GenerateSerializer, Alias("climaborough.lab-member.v1")]
public sealed record StoredMember([property: Id(0)] string Name, [property: Id(1)] string? CityId, [property: Id(2)] LabRole Role, [property: Id(3)] DateTimeOffset Since, [property: Id(4)] string? UserName = null);

/// <summary>An invitation as stored (the link's token only as a hash).</summary>
[GenerateSerializer, Alias("climaborough.lab-invitation.v1")]
public sealed record StoredInvitation(
    [property: Id(0)] string Id,
    [property: Id(1)] string? UserId,
    [property: Id(2)] string? Email,
    [property: Id(3)] string? TokenHash,
    [property: Id(4)] LabRole Role,
    [property: Id(5)] string InvitedBy,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? AcceptedBy);

/// <summary>Lab ids.</summary>
public static class LabIds
{
    /// <summary>A new id: <c>l</c> and 12 hex digits.</summary>
    public static string New() => "l" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether an id is well-formed (3 to 64 lower-case letters, digits or dashes).</summary>
    public static bool IsValid(string? id) => id is { Length: >= 3 and <= 64 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
