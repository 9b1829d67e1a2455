namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// A workshop's private brainstorm on each storage backend: while a private step runs, Ivan's and Giulia's new notes
/// reach only their author and the facilitators (Maria owns the lab, Elena moderates it) in every op and every read;
/// the reveal is one durable op; all of it holds across a restart of the board.
/// </summary>
public abstract class PrivateBrainstormTests(ClusterFixture fixture)
{
    private static readonly IReadOnlyList<SessionStepRequest> Agenda =
    [
        new("Welcome", null, 5, SessionStepKind.Present),
        new("Ideas on your own", "One idea per note.", 10, SessionStepKind.PrivateBrainstorm),
        new("Discuss", null, 10, SessionStepKind.Discuss),
    ];

    private sealed record Workshop(string LabId, IBoardGrain Board, ISessionGrain Session)
    {
        public string BoardId => Board.GetPrimaryKeyString();

        public ISessionPrivacyGrain Privacy(IGrainFactory grains) => grains.GetGrain<ISessionPrivacyGrain>(Session.GetPrimaryKeyString());
    }

    /// <summary>A lab of Maria's (Elena moderates, Ivan and Giulia are members), its board and a session on it, started.</summary>
    private async Task<Workshop> NewWorkshopAsync()
    {
        var labId = LabIds.New();
        var lab = fixture.Grains.GetGrain<ILabGrain>(labId);
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Safer school streets", LabThemes.EnergyAndMobility, "Lyulin", LabVisibility.Private))).Ok);
        foreach (var (who, role) in new[] { (Elena, LabRole.Moderator), (Ivan, LabRole.Member), (Giulia, LabRole.Member) })
        {
            var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
            Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
        }

        var board = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        Assert.True((await board.CreateAsync(Elena, "Lyulin ideas", labId)).Ok);
        var session = fixture.Grains.GetGrain<ISessionGrain>(SessionIds.New());
        var created = await session.CreateAsync(Elena, labId, new CreateSessionRequest("Lyulin workshop", null, null, board.GetPrimaryKeyString(), Agenda));
        Assert.True(created.Ok, created.Message);
        await Do(session, labId, SessionCommand.Start);
        return new Workshop(labId, board, session);
    }

    private static async Task Do(ISessionGrain session, string labId, SessionCommand command)
    {
        var outcome = await session.ControlAsync(Elena, labId, new SessionControlRequest(command));
        Assert.True(outcome.Ok, $"{command}: {outcome.Message}");
    }

    private static BoardElement Note(string id, string text, double x, double y) =>
        new(id, ElementKind.Note, x, y, 120, 80, 0, "#ffeb3b", text, null, null, null, string.Empty, default, default);

    private static async Task<EditResult> Add(IBoardGrain board, Actor who, string id, string text, double x = 10, double y = 20)
    {
        var result = await board.EditAsync(who, new BoardEdit(who.UserId.Replace("u-", "c-", StringComparison.Ordinal) + "-" + id, 1, [new ElementChange(ChangeType.Create, id, Note(id, text, x, y))]));
        Assert.True(result.Ok, result.Error);
        return result;
    }

    /// <summary>The board as <paramref name="who"/>'s client holds it after joining from nothing.</summary>
    private static async Task<(BoardJoin Join, Dictionary<string, BoardElement> Elements)> JoinAsync(IBoardGrain board, Actor who)
    {
        var join = (await board.JoinAsync(who, 0, new Participant("conn-" + who.UserId + Guid.NewGuid().ToString("N")[..6], who.UserId, who.Name, string.Empty, null, null, []))).Value!;
        var elements = join.Snapshot?.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal) ?? new Dictionary<string, BoardElement>(StringComparer.Ordinal);
        foreach (var op in join.Ops)
        {
            BoardOpApplier.Apply(elements, op);
        }

        return (join, elements);
    }

    private static bool Mentions(IEnumerable<AppliedOp> ops, string id) => ops.Any(o => o.Changes.Any(c => c.Id == id));

    [Fact]
    public async Task During_a_private_step_a_new_note_reaches_only_its_author_and_the_facilitators_in_ops_joins_catch_up_and_exports()
    {
        var w = await NewWorkshopAsync();
        await Add(w.Board, Elena, "public-before", "Before the private step");
        await Do(w.Session, w.LabId, SessionCommand.Next); // the private brainstorm

        var observer = new Realtime.RecordingNodeObserver();
        await w.Board.SubscribeAsync(fixture.Grains.CreateObjectReference<INodeObserver>(observer));
        await Add(w.Board, Ivan, "ivan-1", "Ivan: a crossing guard at 7:30", 311, 422);
        await Add(w.Board, Giulia, "giulia-1", "Giulia: paint the kerbs");

        // What the node gets: the public batch never names Ivan's note; Ivan's own batch and the facilitators' do.
        var sent = await observer.NextAsync<BoardPrivateOpsApplied>(e => Mentions(e.Full, "ivan-1"));
        Assert.False(Mentions(sent.Public, "ivan-1"));
        Assert.True(Mentions(sent.ByAuthor[Ivan.UserId], "ivan-1"));
        Assert.DoesNotContain(Giulia.UserId, sent.ByAuthor.Keys);
        Assert.Contains(sent.Public, o => o.UserId == Ivan.UserId && o.Changes.Count == 0); // the number stays: no gap

        var giulia = await JoinAsync(w.Board, Giulia);
        Assert.Contains("public-before", giulia.Elements.Keys);
        Assert.Contains("giulia-1", giulia.Elements.Keys);
        Assert.DoesNotContain("ivan-1", giulia.Elements.Keys);
        Assert.False(Mentions(giulia.Join.Ops, "ivan-1"));
        Assert.False(Mentions((await w.Board.OpsAfterAsync(Giulia, 0)).Value!, "ivan-1"));
        Assert.DoesNotContain((await w.Board.ExportAsync(Giulia)).Value!.Elements, e => e.Id == "ivan-1" || e.Text.Contains("crossing", StringComparison.Ordinal));

        var ivan = await JoinAsync(w.Board, Ivan);
        Assert.Equal("Ivan: a crossing guard at 7:30", ivan.Elements["ivan-1"].Text);
        Assert.DoesNotContain("giulia-1", ivan.Elements.Keys);
        foreach (var facilitator in new[] { Elena, Maria })
        {
            var seen = await JoinAsync(w.Board, facilitator);
            Assert.Contains("ivan-1", seen.Elements.Keys);
            Assert.Contains("giulia-1", seen.Elements.Keys);
            Assert.Contains((await w.Board.ExportAsync(facilitator)).Value!.Elements, e => e.Id == "ivan-1");
        }

        // Counters for everyone, marks only for the author (and all of them for facilitators).
        var counters = (await fixture.Grains.GetGrain<IBoardPrivacyGrain>(w.BoardId).PrivateNotesAsync(Giulia)).Value!;
        Assert.True(counters.Open);
        Assert.Equal([("Giulia Rossi", 1), ("Ivan Georgiev", 1)], counters.Counts.Select(c => (c.Name, c.Count)));
        Assert.Equal(["giulia-1"], counters.Visible.Select(m => m.ElementId));
        var forElena = (await fixture.Grains.GetGrain<IBoardPrivacyGrain>(w.BoardId).PrivateNotesAsync(Elena)).Value!;
        Assert.True(forElena.Facilitator);
        Assert.Equal(["giulia-1", "ivan-1"], forElena.Visible.Select(m => m.ElementId));
    }

    [Fact]
    public async Task Nobody_else_can_touch_point_at_or_select_a_private_note_and_the_answer_is_that_of_a_missing_one()
    {
        var w = await NewWorkshopAsync();
        await Do(w.Session, w.LabId, SessionCommand.Next);
        await Add(w.Board, Ivan, "ivan-1", "Ivan's idea");

        var missing = await w.Board.EditAsync(Giulia, new BoardEdit("g-1", 1, [new ElementChange(ChangeType.Update, "nothing-here", Patch: new ElementPatch(Text: "x"))]));
        var hidden = await w.Board.EditAsync(Giulia, new BoardEdit("g-1", 2, [new ElementChange(ChangeType.Update, "ivan-1", Patch: new ElementPatch(Text: "mine now"))]));
        Assert.False(hidden.Ok);
        Assert.Equal(missing.ErrorCode, hidden.ErrorCode);
        Assert.Equal(missing.Error!.Replace("nothing-here", "ivan-1", StringComparison.Ordinal), hidden.Error);
        var deleted = await w.Board.EditAsync(Elena, new BoardEdit("e-1", 1, [new ElementChange(ChangeType.Delete, "ivan-1")]));
        Assert.Equal(ErrorCodes.UnknownElement, deleted.ErrorCode); // facilitators see private notes, only authors change them

        // Ivan selects his note: the selection that everyone gets does not name it.
        await w.Board.UpdatePresenceAsync(new Participant("conn-ivan", Ivan.UserId, Ivan.Name, string.Empty, 5, 5, ["ivan-1"]));
        var (join, elements) = await JoinAsync(w.Board, Giulia);
        Assert.DoesNotContain(join.Participants, p => p.Selection.Contains("ivan-1"));
        Assert.Equal("Ivan's idea", (await JoinAsync(w.Board, Ivan)).Elements["ivan-1"].Text);
        Assert.DoesNotContain("ivan-1", elements.Keys);
    }

    [Fact]
    public async Task Leaving_the_step_makes_new_notes_public_again_and_the_reveal_shows_every_private_note_to_everyone_as_one_durable_op()
    {
        var w = await NewWorkshopAsync();
        await Do(w.Session, w.LabId, SessionCommand.Next);
        await Add(w.Board, Ivan, "ivan-1", "Ivan's first idea");
        await Add(w.Board, Ivan, "ivan-2", "Ivan's second thought");
        Assert.True((await w.Board.EditAsync(Ivan, new BoardEdit("c-ivan-del", 1, [new ElementChange(ChangeType.Delete, "ivan-2")]))).Ok);
        await Do(w.Session, w.LabId, SessionCommand.Next); // discussion: no longer private for new notes
        await Add(w.Board, Giulia, "giulia-after", "Giulia after the step");

        var ivanSees = await JoinAsync(w.Board, Ivan);
        Assert.Contains("giulia-after", ivanSees.Elements.Keys);
        var before = await JoinAsync(w.Board, Giulia);
        Assert.DoesNotContain("ivan-1", before.Elements.Keys);
        var counters = (await fixture.Grains.GetGrain<IBoardPrivacyGrain>(w.BoardId).PrivateNotesAsync(Giulia)).Value!;
        Assert.False(counters.Open);
        Assert.Equal([("Ivan Georgiev", 1)], counters.Counts.Select(c => (c.Name, c.Count)));

        // Only moderators reveal; who may not read the lab hears what a missing session answers.
        Assert.Equal(ErrorCodes.Forbidden, (await w.Privacy(fixture.Grains).RevealAsync(Ivan, w.LabId)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await w.Privacy(fixture.Grains).RevealAsync(Olga, w.LabId)).Code);
        Assert.DoesNotContain("ivan-1", (await JoinAsync(w.Board, Giulia)).Elements.Keys);

        var revealed = await w.Privacy(fixture.Grains).RevealAsync(Elena, w.LabId);
        Assert.True(revealed.Ok, revealed.Message);
        var revealSeq = revealed.Value!.Seq!.Value;

        // Giulia, already on the board, gets the reveal op after what she had: her replica now holds Ivan's note.
        var caughtUp = (await w.Board.OpsAfterAsync(Giulia, before.Join.Board.Seq)).Value!;
        var reveal = Assert.Single(caughtUp, o => o.Kind == OpKind.Reveal);
        Assert.Equal(revealSeq, reveal.Seq);
        foreach (var op in caughtUp)
        {
            BoardOpApplier.Apply(before.Elements, op);
        }

        Assert.Equal("Ivan's first idea", before.Elements["ivan-1"].Text);
        Assert.DoesNotContain("ivan-2", before.Elements.Keys); // deleted before the reveal: a discarded draft stays Ivan's
        Assert.Equal(before.Elements.Keys.Order(), (await JoinAsync(w.Board, Giulia)).Elements.Keys.Order());

        // Revealing again changes nothing; after the reveal the note is ordinary: Giulia may move it.
        var again = await w.Privacy(fixture.Grains).RevealAsync(Elena, w.LabId);
        Assert.True(again.Ok);
        Assert.Single((await w.Board.OpsAfterAsync(Giulia, 0)).Value!, o => o.Kind == OpKind.Reveal);
        Assert.True((await w.Board.EditAsync(Giulia, new BoardEdit("c-giulia-move", 1, [new ElementChange(ChangeType.Update, "ivan-1", Patch: new ElementPatch(X: 500))]))).Ok);
        Assert.Empty((await fixture.Grains.GetGrain<IBoardPrivacyGrain>(w.BoardId).PrivateNotesAsync(Giulia)).Value!.Counts);
    }

    [Fact]
    public async Task Private_notes_stay_private_across_a_restart_and_past_a_stored_version_and_the_reveal_survives_one_too()
    {
        var w = await NewWorkshopAsync();
        await Do(w.Session, w.LabId, SessionCommand.Next);

        // More ops than a version holds (the fixture stores one every 20), so a restart reads a snapshot and the marks.
        for (var i = 0; i < 25; i++)
        {
            await Add(w.Board, Ivan, $"ivan-{i}", $"Idea number {i} from Ivan");
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await w.Board.ListVersionsAsync(Elena)).Value!.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var version = Assert.Single((await w.Board.ListVersionsAsync(Elena)).Value!);
        Assert.Empty((await w.Board.GetVersionAsync(Giulia, version.Seq)).Value!.Elements);
        Assert.Contains((await w.Board.GetVersionAsync(Elena, version.Seq)).Value!.Elements, e => e.Id == "ivan-3");

        await fixture.Cluster.DeactivateAsync(w.Board);
        var giulia = await JoinAsync(w.Board, Giulia);
        Assert.DoesNotContain(giulia.Elements.Keys, id => id.StartsWith("ivan-", StringComparison.Ordinal));
        Assert.False(Mentions(giulia.Join.Ops, "ivan-24"));
        Assert.Equal(25, (await JoinAsync(w.Board, Ivan)).Elements.Keys.Count(id => id.StartsWith("ivan-", StringComparison.Ordinal)));
        Assert.Equal(25, Assert.Single((await fixture.Grains.GetGrain<IBoardPrivacyGrain>(w.BoardId).PrivateNotesAsync(Giulia)).Value!.Counts).Count);

        // Still open after the restart: Ivan's next note is private too.
        await Add(w.Board, Ivan, "ivan-late", "After the restart");
        Assert.DoesNotContain("ivan-late", (await JoinAsync(w.Board, Giulia)).Elements.Keys);

        var revealed = await w.Privacy(fixture.Grains).RevealAsync(Elena, w.LabId);
        Assert.True(revealed.Ok, revealed.Message);
        await fixture.Cluster.DeactivateAsync(w.Board);
        var after = await JoinAsync(w.Board, Giulia);
        Assert.Equal(26, after.Elements.Keys.Count(id => id.StartsWith("ivan-", StringComparison.Ordinal)));
        Assert.Equal("Idea number 24 from Ivan", after.Elements["ivan-24"].Text);
        Assert.Empty((await fixture.Grains.GetGrain<IBoardPrivacyGrain>(w.BoardId).PrivateNotesAsync(Giulia)).Value!.Counts);
    }
}

public sealed class PrivateBrainstormTestsOnEmbedded(EmbeddedClusterFixture fixture) : PrivateBrainstormTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class PrivateBrainstormTestsOnAzure(AzureClusterFixture fixture) : PrivateBrainstormTests(fixture), IClassFixture<AzureClusterFixture>;
