namespace Climaborough.Web.Sessions;

/// <summary>What a facilitator changes about the board's locks.</summary>
public enum LockChange
{
    /// <summary>Lock the whole board for participants.</summary>
    Board,

    /// <summary>Unlock the whole board.</summary>
    UnlockBoard,

    /// <summary>Lock the selected elements (a frame: with what lies inside it).</summary>
    Selection,

    /// <summary>Unlock the selected elements.</summary>
    UnlockSelection,
}
