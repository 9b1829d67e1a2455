namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>Why a person may look at a board but not change it.</summary>
public enum ReadOnlyReason
{
    /// <summary>They may change it.</summary>
    None,

    /// <summary>A stored version is shown instead of the live board.</summary>
    Preview,

    /// <summary>Their role in the board's lab is observer.</summary>
    Observer,

    /// <summary>They read a public lab's board without being a member of the lab.</summary>
    NotMember,

    /// <summary>The board is locked.</summary>
    Locked,

    /// <summary>A workshop's facilitator locked the board, or something selected, for participants.</summary>
    FacilitatorLocked,
}

/// <summary>
/// What the person may do on the board, as far as the client knows: the server decides, and this only
/// keeps people from trying what it would refuse. An unknown role counts as allowed until it is known.
/// </summary>
/// <param name="Board">The board's metadata (null before the first join).</param>
/// <param name="UserId">The signed-in person's account id.</param>
/// <param name="LabRole">Their role in the board's lab: null when not a member (or the board has no lab).</param>
/// <param name="LabRoleKnown">Whether the lab's answer arrived (false: nothing is disabled for the role yet).</param>
/// <param name="Locked">Whether the board is locked, as last heard (the board's metadata or a refusal).</param>
/// <param name="Previewing">Whether a stored version is shown.</param>
/// <param name="FacilitatorLocked">Whether facilitator locks forbid the person the board or the selection now.</param>
public sealed record BoardPermissions(BoardInfo? Board, string? UserId, LabRole? LabRole, bool LabRoleKnown, bool Locked, bool Previewing, bool FacilitatorLocked = false)
{
    /// <summary>Whether the person created the board.</summary>
    public bool IsCreator => Board is not null && UserId is not null && Board.OwnerId == UserId;

    /// <summary>Why the board is read-only for the person, the strongest reason first.</summary>
    public ReadOnlyReason Reason =>
        Previewing ? ReadOnlyReason.Preview
        : RoleForbids && LabRole == Contracts.LabRole.Observer ? ReadOnlyReason.Observer
        : RoleForbids ? ReadOnlyReason.NotMember
        : Locked ? ReadOnlyReason.Locked
        : FacilitatorLocked ? ReadOnlyReason.FacilitatorLocked
        : ReadOnlyReason.None;

    /// <summary>Whether the person may change the board now.</summary>
    public bool CanEdit => Reason == ReadOnlyReason.None;

    /// <summary>
    /// Whether the person sees the lock control: the creator of the board, and on a lab's board the lab's
    /// owners and moderators.
    /// </summary>
    public bool CanLock => !Previewing && (IsCreator || (Board?.LabId is not null && LabRoleKnown && LabRole >= Contracts.LabRole.Moderator));

    private bool RoleForbids => Board?.LabId is not null && LabRoleKnown && LabRole is null or Contracts.LabRole.Observer;
}
