namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>Who may read a living lab.</summary>
[JsonConverter(typeof(StrictEnumConverter<LabVisibility>))]
public enum LabVisibility
{
    /// <summary>Members only.</summary>
    Private,

    /// <summary>Every signed-in person of a partner city.</summary>
    Network,

    /// <summary>Anyone, signed in or not.</summary>
    Public,
}

/// <summary>A member's role in a living lab, weakest first.</summary>
[JsonConverter(typeof(StrictEnumConverter<LabRole>))]
public enum LabRole
{
    /// <summary>Reads and follows; edits nothing.</summary>
    Observer,

    /// <summary>Creates boards and threads, edits them.</summary>
    Member,

    /// <summary>Also manages members, invitations and settings.</summary>
    Moderator,

    /// <summary>The lab's coordinators (its creator first): everything a moderator does; a lab always keeps one.</summary>
    Owner,
}

/// <summary>What someone wants to do in a lab (the rows of the authorization matrix).</summary>
public enum LabAction
{
    /// <summary>See the lab, its members, contents and activity; join its boards read-only; follow.</summary>
    Read,

    /// <summary>Create boards and threads, reply, edit boards, publish lessons.</summary>
    Contribute,

    /// <summary>Change settings, invite, change roles, remove members; hide, flag and lock posts, work the review queue.</summary>
    Moderate,

    /// <summary>What every signed-in reader may do that leaves a trace: react, follow a thread, report a post.</summary>
    Participate,

    /// <summary>Comment on a board's elements and reply to comments: every member, observers included (who may not edit the board).</summary>
    Comment,
}

/// <summary>
/// THE authorization rule of living labs, used by every endpoint and hub method: from the lab's
/// visibility, the caller's role there (none when not a member), whether the caller is signed in and
/// whether they belong to a partner city. The user and their city always come from the authenticated
/// identity. The table in docs/security.md is this method.
/// </summary>
public static class LabPolicy
{
    /// <summary>Whether the action is allowed.</summary>
    public static bool Allows(LabAction action, LabVisibility visibility, LabRole? role, bool signedIn, bool partnerCity) => action switch
    {
        LabAction.Read => role is not null || visibility == LabVisibility.Public || (visibility == LabVisibility.Network && signedIn && partnerCity),
        LabAction.Contribute => signedIn && role >= LabRole.Member,
        LabAction.Moderate => signedIn && role >= LabRole.Moderator,
        LabAction.Participate => signedIn && Allows(LabAction.Read, visibility, role, signedIn, partnerCity),
        LabAction.Comment => signedIn && role is not null,
        _ => false,
    };
}

/// <summary>The ClimHub themes a lab can take (or a custom one).</summary>
public static class LabThemes
{
    /// <summary>Waste to circularity.</summary>
    public const string WasteToCircularity = "waste-to-circularity";

    /// <summary>Energy and mobility integration.</summary>
    public const string EnergyAndMobility = "energy-and-mobility";

    /// <summary>The named themes.</summary>
    public static readonly IReadOnlyList<string> Known = [WasteToCircularity, EnergyAndMobility];
}

/// <summary>Limits of labs' fields.</summary>
public static class LabLimits
{
    /// <summary>Title length.</summary>
    public const int MaxTitleLength = 120;

    /// <summary>Theme length (custom themes).</summary>
    public const int MaxThemeLength = 60;

    /// <summary>Description length (Markdown).</summary>
    public const int MaxDescriptionLength = 20_000;

    /// <summary>Activity entries kept per lab.</summary>
    public const int ActivityKept = 100;
}

/// <summary>A lab in lists.</summary>
public sealed record LabSummary(string Id, string CityId, string Title, string Theme, LabVisibility Visibility, int MemberCount, DateTimeOffset CreatedAt);

/// <summary>A lab the caller belongs to, and their role in it (<c>GET /api/me/labs</c>).</summary>
public sealed record MyLab(LabSummary Lab, LabRole Role);

/// <summary>A member of a lab.</summary>
/// <remarks><see cref="UserName"/> is the account's user name, shown beside a display name that another member also uses.</remarks>
public sealed record LabMember(string UserId, string Name, string? CityId, LabRole Role, DateTimeOffset Since, string? UserName = null);

/// <summary>A board or thread of a lab.</summary>
public sealed record LabContent(string Kind, string Id, string Title, DateTimeOffset At);

/// <summary>One line of a lab's activity feed: who did what (a kind with arguments, worded by the client).</summary>
public sealed record LabActivity(DateTimeOffset At, string ActorName, string Kind, IReadOnlyList<string> Args);

/// <summary>A lab's home: everything a reader sees, plus the caller's own role. <see cref="DescriptionHtml"/> is the Markdown description rendered and sanitized on the server.</summary>
public sealed record LabDetails(
    LabSummary Summary,
    string Description,
    string DescriptionHtml,
    IReadOnlyList<LabMember> Members,
    IReadOnlyList<LabContent> Contents,
    IReadOnlyList<LabActivity> Activity,
    LabRole? YourRole);

/// <summary>Body of <c>POST /api/labs</c>; the same <paramref name="RequestId"/> again (a double click, a retry) returns the first lab.</summary>
public sealed record CreateLabRequest(string Title, string Theme, string Description, LabVisibility Visibility, string? RequestId = null);

/// <summary>Body of <c>PUT /api/labs/{id}</c>.</summary>
public sealed record LabSettingsRequest(string Title, string Theme, string Description, LabVisibility Visibility);

/// <summary>Body of <c>POST /api/labs/{id}/invitations</c>: an existing user by user name, or anyone by email (a link).</summary>
public sealed record LabInviteRequest(string? UserName, string? Email, LabRole Role);

/// <summary>An invitation to a lab; <see cref="Link"/> is set for invitations by email (to pass on).</summary>
public sealed record LabInvitation(string Id, string LabId, string LabTitle, LabRole Role, string InvitedBy, DateTimeOffset At, string? Link);

/// <summary>
/// What an invitation link shows to whoever holds it, before signing in (<c>POST /api/labs/{id}/join/preview</c>):
/// the lab, its city, who invites and with which role. Nothing else of the lab.
/// </summary>
public sealed record LabInvitationPreview(string LabId, string LabTitle, string CityId, string InvitedBy, LabRole Role);

/// <summary>Body of <c>PUT /api/labs/{id}/members/{userId}</c>.</summary>
public sealed record LabRoleRequest(LabRole Role);
