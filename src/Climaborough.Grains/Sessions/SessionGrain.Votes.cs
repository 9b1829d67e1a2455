namespace Climaborough.Grains.Sessions;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Orleans.Runtime;

/// <summary>
/// Dot votes of a session. The grain is their single writer: every placement is checked against the
/// person's limits and applied at most once per request id, and answered only once the state is written.
/// The step's timer closes a vote at the step's end instant (<see cref="TimeProvider"/>): checked on every
/// call, and a grain timer publishes it when nobody calls.
/// </summary>
public sealed partial class SessionGrain
{
    private readonly List<StoredVote> closedNow = [];
    private IGrainTimer? voteTimer;

    private StoredVote? OpenVote => S.Votes.LastOrDefault(v => v.ClosedAt is null);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleVoteTimer(time.GetUtcNow());
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<Outcome<VoteView>> StartVoteAsync(Actor actor, string labId, StartVoteRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (_, refused) = await VoteAccessAsync(actor, labId, LabAction.Moderate, "Starting a vote needs the moderator role in this lab.");
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        await CloseIfTimeUpAsync(now);
        if (request is null || !ValidRequestId(request.RequestId))
        {
            return new Refusal(ErrorCodes.InvalidVote, $"requestId: 1 to {VoteLimits.MaxRequestIdLength} letters, digits, '-', '_', ':' or '.'.");
        }

        if (S.Votes.FirstOrDefault(v => v.StartRequestId == request.RequestId) is { } same)
        {
            return new(ViewOf(same, actor.UserId, facilitator: true));
        }

        if (S.Phase is not (SessionPhase.Running or SessionPhase.Paused) || S.Steps[S.CurrentStep].Kind != SessionStepKind.Vote)
        {
            return new Refusal(ErrorCodes.NotAVoteStep, "Votes are started during a step of kind vote.");
        }

        if (OpenVote is not null)
        {
            return new Refusal(ErrorCodes.VoteAlreadyOpen, "A vote is open already: close it first.");
        }

        if (request.DotsPerPerson is < 1 or > VoteLimits.MaxDotsPerPerson)
        {
            return new Refusal(ErrorCodes.InvalidVote, $"dotsPerPerson: 1 to {VoteLimits.MaxDotsPerPerson}.");
        }

        if (request.MaxPerItem < 1 || request.MaxPerItem > request.DotsPerPerson)
        {
            return new Refusal(ErrorCodes.InvalidVote, $"maxPerItem: 1 to dotsPerPerson ({request.DotsPerPerson}).");
        }

        if (request.ElementIds is { Count: > VoteLimits.MaxItems })
        {
            return new Refusal(ErrorCodes.InvalidVote, $"elementIds: at most {VoteLimits.MaxItems}.");
        }

        var (items, problem) = await ItemsAsync(actor, request.ElementIds);
        if (problem is not null)
        {
            return new Refusal(ErrorCodes.NoItems, problem);
        }

        var vote = new StoredVote
        {
            Id = SessionIds.NewVote(),
            StepIndex = S.CurrentStep,
            Items = items!,
            DotsPerPerson = request.DotsPerPerson,
            MaxPerItem = request.MaxPerItem,
            StartedAt = now,
            StartRequestId = request.RequestId,
            Version = 1,
        };
        S.Votes.Add(vote);
        S.Version++;
        await PersistAsync();
        Watchers.Publish(new SessionChanged(TopicNames.Session(Id), Id, View(now)));
        PublishVote(vote, null);
        ScheduleVoteTimer(now);
        return new(ViewOf(vote, actor.UserId, facilitator: true));
    }

    public async Task<Outcome<VoteView>> CloseVoteAsync(Actor actor, string labId, string voteId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (_, refused) = await VoteAccessAsync(actor, labId, LabAction.Moderate, "Closing a vote needs the moderator role in this lab.");
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        await CloseIfTimeUpAsync(now);
        if (Find(voteId) is not { } vote)
        {
            return NoSuchVote<VoteView>(voteId);
        }

        if (vote.ClosedAt is null)
        {
            Close(vote, now, VoteCloseReason.Moderator);
            await PersistAsync();
            PublishVote(vote, null);
            ScheduleVoteTimer(now);
        }

        return new(ViewOf(vote, actor.UserId, facilitator: true));
    }

    public Task<Outcome<VoteView>> PlaceDotAsync(Actor actor, string labId, string voteId, DotRequest request) =>
        ChangeDotAsync(actor, labId, voteId, request, place: true);

    public Task<Outcome<VoteView>> RemoveDotAsync(Actor actor, string labId, string voteId, DotRequest request) =>
        ChangeDotAsync(actor, labId, voteId, request, place: false);

    public async Task<Outcome<VoteView>> VoteAsync(Actor? actor, string labId, string voteId)
    {
        var (access, refused) = await VoteAccessAsync(actor, labId, LabAction.Read, null);
        if (refused is not null)
        {
            return refused;
        }

        await CloseIfTimeUpAsync(time.GetUtcNow());
        return Find(voteId) is { } vote ? new(ViewOf(vote, actor?.UserId, access.Moderate)) : NoSuchVote<VoteView>(voteId);
    }

    public async Task<Outcome<VoteResults>> ResultsAsync(Actor? actor, string labId, string voteId)
    {
        var (_, refused) = await VoteAccessAsync(actor, labId, LabAction.Read, null);
        if (refused is not null)
        {
            return refused;
        }

        await CloseIfTimeUpAsync(time.GetUtcNow());
        if (Find(voteId) is not { } vote)
        {
            return NoSuchVote<VoteResults>(voteId);
        }

        if (vote.ClosedAt is not { } closedAt)
        {
            return new Refusal(ErrorCodes.VoteStillOpen, "The vote is still open: its results are kept once it closes.");
        }

        return new(new VoteResults(vote.Id, Id, S.Title, closedAt, Voters(vote), vote.Dots.Values.Sum(d => d.Count), Ranking(vote)));
    }

    private async Task<Outcome<VoteView>> ChangeDotAsync(Actor actor, string labId, string voteId, DotRequest request, bool place)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (access, refused) = await VoteAccessAsync(actor, labId, LabAction.Contribute, "Observers follow the vote; placing dots needs the member role in this lab.");
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        await CloseIfTimeUpAsync(now);
        if (Find(voteId) is not { } vote)
        {
            return NoSuchVote<VoteView>(voteId);
        }

        if (request is null || !ValidRequestId(request.RequestId) || string.IsNullOrEmpty(request.ItemId))
        {
            return new Refusal(ErrorCodes.InvalidVote, $"A dot has a requestId (1 to {VoteLimits.MaxRequestIdLength} letters, digits, '-', '_', ':' or '.') and an itemId.");
        }

        var requests = vote.Requests.GetValueOrDefault(actor.UserId);
        if (requests is not null && requests.Contains(request.RequestId, StringComparer.Ordinal))
        {
            // A retry of an applied placement: it counted once already.
            return new(ViewOf(vote, actor.UserId, access.Moderate));
        }

        if (vote.ClosedAt is not null)
        {
            return new Refusal(ErrorCodes.VoteClosed, "This vote is closed: its dots can no longer change.");
        }

        if (!vote.Items.Any(i => i.Id == request.ItemId))
        {
            return new Refusal(ErrorCodes.NoSuchItem, $"itemId: '{request.ItemId}' is not one of this vote's items.");
        }

        var mine = Mine(vote, actor.UserId);
        var here = mine.Count(i => i == request.ItemId);
        if (place && mine.Count >= vote.DotsPerPerson)
        {
            return new Refusal(ErrorCodes.NoDotsLeft, $"All your {vote.DotsPerPerson} dots are placed: remove one first.");
        }

        if (place && here >= vote.MaxPerItem)
        {
            return new Refusal(ErrorCodes.ItemFull, $"At most {vote.MaxPerItem} of your dots go on one item.");
        }

        if (!place && here == 0)
        {
            return new Refusal(ErrorCodes.NoDotHere, "You have no dot on this item.");
        }

        if (requests is { Count: >= VoteLimits.MaxChangesPerPerson })
        {
            return new Refusal(ErrorCodes.InvalidVote, $"At most {VoteLimits.MaxChangesPerPerson} changes of your dots in one vote.");
        }

        var votersBefore = Voters(vote);
        if (place)
        {
            mine.Add(request.ItemId);
        }
        else
        {
            mine.Remove(request.ItemId);
        }

        vote.Dots[actor.UserId] = mine;
        if (mine.Count == 0)
        {
            vote.Dots.Remove(actor.UserId);
        }

        requests ??= vote.Requests[actor.UserId] = new List<string>();
        requests.Add(request.RequestId);
        vote.Version++;
        await PersistAsync();
        PublishVote(vote, actor.UserId, votersChanged: Voters(vote) != votersBefore);
        return new(ViewOf(vote, actor.UserId, access.Moderate));
    }

    /// <summary>The items from the session's board as the moderator may read it: the chosen elements, or every note, text and shape.</summary>
    private async Task<(List<StoredVoteItem>? Items, string? Problem)> ItemsAsync(Actor actor, IReadOnlyList<string>? elementIds)
    {
        if (S.BoardId is not { } boardId)
        {
            return (null, "This workshop has no board to vote on.");
        }

        var export = await GrainFactory.GetGrain<IBoardGrain>(boardId).ExportAsync(actor);
        if (!export.Ok)
        {
            return (null, "The workshop's board cannot be read.");
        }

        var elements = export.Value!.Elements.Where(e => !e.Deleted && e.Kind != ElementKind.Connector).ToDictionary(e => e.Id, StringComparer.Ordinal);
        List<BoardElement> chosen;
        if (elementIds is null)
        {
            chosen = [.. export.Value.Elements.Where(e => !e.Deleted && e.Kind is not (ElementKind.Connector or ElementKind.Frame))];
        }
        else
        {
            chosen = [];
            foreach (var id in elementIds.Distinct(StringComparer.Ordinal))
            {
                if (id is null || !elements.TryGetValue(id, out var element))
                {
                    return (null, $"elementIds: '{id}' is not an element of the workshop's board.");
                }

                chosen.Add(element);
            }
        }

        if (chosen.Count == 0)
        {
            return (null, "There is nothing on the workshop's board to vote on.");
        }

        if (chosen.Count > VoteLimits.MaxItems)
        {
            return (null, $"A vote has at most {VoteLimits.MaxItems} items; choose the elements.");
        }

        return ([.. chosen.Select(e => new StoredVoteItem { Id = e.Id, Text = ItemText(e) })], null);
    }

    private static string ItemText(BoardElement element)
    {
        var text = element.Text.Trim();
        return text.Length > VoteLimits.MaxItemTextLength ? text[..VoteLimits.MaxItemTextLength] : text;
    }

    /// <summary>
    /// The lab decides first, as for every session call: non-readers hear the missing session's answer;
    /// readers without <paramref name="action"/> are forbidden.
    /// </summary>
    private async Task<(LabAccess Access, Refusal? Refused)> VoteAccessAsync(Actor? actor, string labId, LabAction action, string? forbidden)
    {
        var access = LabIds.IsValid(labId) ? await GrainFactory.GetGrain<ILabGrain>(labId).AccessAsync(actor) : LabAccess.None;
        if (!access.Read || !S.Created || S.LabId != labId)
        {
            return (access, new Refusal(ErrorCodes.NotFound, NotFoundMessage));
        }

        if (access.Allows(action))
        {
            return (access, null);
        }

        return (access, new Refusal(ErrorCodes.VoteForbidden, forbidden ?? "Your role in this lab does not allow this."));
    }

    private StoredVote? Find(string? voteId) => voteId is null ? null : S.Votes.FirstOrDefault(v => v.Id == voteId);

    private static Outcome<T> NoSuchVote<T>(string? voteId)
        where T : class => new Refusal(ErrorCodes.NoSuchVote, $"There is no vote '{voteId}' in this session.");

    private static bool ValidRequestId(string? id) =>
        id is { Length: >= 1 and <= VoteLimits.MaxRequestIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.');

    private static void Close(StoredVote vote, DateTimeOffset at, VoteCloseReason reason)
    {
        vote.ClosedAt = at;
        vote.CloseReason = reason;
        vote.Version++;
    }

    /// <summary>Closes the open vote (in memory) when the moderator leaves its step; published after the write.</summary>
    private void CloseVoteOfStep(DateTimeOffset now)
    {
        if (OpenVote is { } vote)
        {
            Close(vote, now, VoteCloseReason.StepEnded);
            closedNow.Add(vote);
        }
    }

    /// <summary>Publishes and forgets the votes <see cref="CloseVoteOfStep"/> closed; reschedules the timer.</summary>
    private void AfterControl(DateTimeOffset now)
    {
        foreach (var vote in closedNow)
        {
            PublishVote(vote, null);
        }

        closedNow.Clear();
        ScheduleVoteTimer(now);
    }

    /// <summary>The step's time ran out while a vote was open: it closed at the step's end instant.</summary>
    private async Task CloseIfTimeUpAsync(DateTimeOffset now)
    {
        if (OpenVote is { } vote && S.Phase == SessionPhase.Running && S.EndsAt is { } end && end <= now && vote.StepIndex == S.CurrentStep)
        {
            Close(vote, end, VoteCloseReason.TimeUp);
            await PersistAsync();
            PublishVote(vote, null);
            ScheduleVoteTimer(now);
        }
    }

    /// <summary>Wakes the grain at the step's end while a vote is open, so watchers hear of the close without anyone calling.</summary>
    private void ScheduleVoteTimer(DateTimeOffset now)
    {
        voteTimer?.Dispose();
        voteTimer = null;
        if (OpenVote is not null && S.Phase == SessionPhase.Running && S.EndsAt is { } end)
        {
            var due = end > now ? end - now : TimeSpan.Zero;
            voteTimer = this.RegisterGrainTimer(_ => CloseIfTimeUpAsync(time.GetUtcNow()), new GrainTimerCreationOptions(due + TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    /// <summary>
    /// Writes the state; if the write fails, the activation is dropped so that nothing unwritten is
    /// remembered (a retry then finds the stored state, without the change), and the caller hears the failure.
    /// </summary>
    private async Task PersistAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Publishes a vote's change; <paramref name="votersChanged"/> says whether a dot change moved the voter count (facilitators hear of it then only).</summary>
    private void PublishVote(StoredVote vote, string? userId, bool votersChanged = true) =>
        Watchers.Publish(new VoteChanged(
            TopicNames.Session(Id),
            Id,
            ViewOf(vote, null, facilitator: false),
            Voters(vote),
            userId,
            userId is null ? null : Mine(vote, userId),
            votersChanged));

    /// <summary>A copy of one person's dots (empty when they have none).</summary>
    private static List<string> Mine(StoredVote vote, string userId) =>
        vote.Dots.TryGetValue(userId, out var dots) ? new List<string>(dots) : new List<string>();

    private static int Voters(StoredVote vote) => vote.Dots.Count(d => d.Value.Count > 0);

    /// <summary>
    /// The vote as one person may see it: <paramref name="userId"/>'s own dots (null: nobody's), the number
    /// of voters for facilitators and for everyone once closed, and the ranking once closed.
    /// </summary>
    private VoteView ViewOf(StoredVote vote, string? userId, bool facilitator)
    {
        var closed = vote.ClosedAt is not null;
        return new VoteView(
            vote.Id,
            Id,
            vote.StepIndex,
            closed ? VoteStatus.Closed : VoteStatus.Open,
            [.. vote.Items.Select(i => new VoteItemView(i.Id, i.Text))],
            vote.DotsPerPerson,
            vote.MaxPerItem,
            vote.StartedAt,
            vote.ClosedAt,
            vote.CloseReason,
            userId is null ? null : Mine(vote, userId),
            facilitator || closed ? Voters(vote) : null,
            closed ? Ranking(vote) : null,
            vote.Version);
    }

    /// <summary>Items by dots, most first; equal counts share a rank (1, 1, 3) and are marked tied; the board's order breaks nothing but the listing.</summary>
    private static List<VoteResultItem> Ranking(StoredVote vote)
    {
        var counts = vote.Items.Select((item, order) => (item, order, dots: vote.Dots.Values.Sum(d => d.Count(i => i == item.Id)))).ToList();
        return [.. counts
            .OrderByDescending(c => c.dots)
            .ThenBy(c => c.order)
            .Select(c => new VoteResultItem(1 + counts.Count(o => o.dots > c.dots), c.item.Id, c.item.Text, c.dots, counts.Count(o => o.dots == c.dots) > 1))];
    }
}
