namespace Climaborough.Web.Sessions.Workshop;

using Climaborough.Contracts;

/// <summary>
/// What the board page draws of the workshop's dot vote on the voted items themselves: the person's own dots while
/// the vote is open (and a way to place or remove one by clicking the item's badge), the dot counts and ranks once it
/// is closed. The vote panel keeps it (it is the one that talks to the server); the board page makes one and hands
/// it to both, so neither owns the other.
/// </summary>
public sealed class VoteOnBoard
{
    /// <summary>The vote the panel shows, or null when there is none (or the vote step is over).</summary>
    public VoteView? Vote { get; private set; }

    /// <summary>The person's own dots (one item id per dot).</summary>
    public IReadOnlyList<string> MyDots { get; private set; } = [];

    /// <summary>Whether the person may place dots (members; not observers). The server decides either way.</summary>
    public bool CanVote { get; private set; }

    /// <summary>Whether a call to the server is under way (the badges wait for it, as the panel's buttons do).</summary>
    public bool Busy { get; private set; }

    /// <summary>Raised after any of the above changed.</summary>
    public event Action? Changed;

    /// <summary>Places (true) or removes (false) one of the person's dots on an item; set by the vote panel.</summary>
    internal Func<string, bool, Task>? Change { get; set; }

    /// <summary>The dots the person has left.</summary>
    public int DotsLeft => Vote is null ? 0 : Math.Max(0, Vote.DotsPerPerson - MyDots.Count);

    /// <summary>The person's dots on one item.</summary>
    public int MineOn(string itemId) => MyDots.Count(d => d == itemId);

    /// <summary>Whether one more dot may go on the item now (checked again by the server).</summary>
    public bool CanPlaceOn(string itemId) => CanVote && !Busy && Vote is { Status: VoteStatus.Open } v && DotsLeft > 0 && MineOn(itemId) < v.MaxPerItem;

    /// <summary>Whether one of the person's dots may be taken off the item now.</summary>
    public bool CanRemoveFrom(string itemId) => CanVote && !Busy && Vote is { Status: VoteStatus.Open } && MineOn(itemId) > 0;

    /// <summary>Places or removes a dot through the vote panel (nothing when no panel is there).</summary>
    public Task ChangeAsync(string itemId, bool place) => Change?.Invoke(itemId, place) ?? Task.CompletedTask;

    internal void Show(VoteView? vote, IReadOnlyList<string> myDots, bool canVote, bool busy)
    {
        if (ReferenceEquals(Vote, vote) && ReferenceEquals(MyDots, myDots) && CanVote == canVote && Busy == busy)
        {
            return;
        }

        (Vote, MyDots, CanVote, Busy) = (vote, myDots, canVote, busy);
        Changed?.Invoke();
    }
}
