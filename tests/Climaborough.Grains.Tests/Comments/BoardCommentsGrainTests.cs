namespace Climaborough.Grains.Tests.Comments;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Comments;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Notifications;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// Comments on a board as the lab's people meet them: an observer comments but may not edit, replies and
/// mentions notify only who may read the lab, the author or a moderator resolves, edits keep their history,
/// moderators hide; the threads stay with their element through delete and restore, and everything answered
/// is in storage (a fresh activation reads it back); on each storage backend.
/// </summary>
public abstract class BoardCommentsGrainTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_observer_comments_on_a_note_a_member_replies_and_both_are_read_back_from_storage()
    {
        var (_, board, comments) = await NewBoardAsync();
        Assert.True((await board.EditAsync(Ivan, new BoardEdit("ivan-1", 1, [new ElementChange(ChangeType.Create, "n1", Note("n1"))]))).Ok);

        // Giulia observes: the board refuses her edit, the comments take her comment.
        var edit = await board.EditAsync(Giulia, new BoardEdit("giulia-1", 1, [new ElementChange(ChangeType.Create, "n2", Note("n2"))]));
        Assert.Equal(ErrorCodes.Forbidden, edit.ErrorCode);
        var started = await comments.StartAsync(Giulia, new NewCommentThreadRequest(new CommentAnchor("n1", 10, 5), "Is **this** the right corner?"), []);
        Assert.True(started.Ok, started.Message);
        var thread = started.Value!;
        Assert.Equal(("n1", "u-giulia"), (thread.Anchor.ElementId, thread.AuthorId));
        Assert.Contains("<strong>this</strong>", thread.Comments[0].Html, StringComparison.Ordinal);

        var replied = await comments.ReplyAsync(Ivan, thread.Id, new CommentRequest("Yes, by the school."), []);
        Assert.True(replied.Ok, replied.Message);

        await fixture.Cluster.DeactivateAsync(comments);
        var listed = await fixture.Grains.GetGrain<IBoardCommentsGrain>(comments.GetPrimaryKeyString()).ListAsync(Maria);
        Assert.True(listed.Ok, listed.Message);
        var read = Assert.Single(listed.Value!.Threads);
        Assert.Equal(["Is **this** the right corner?", "Yes, by the school."], read.Comments.Select(c => c.Body));
        Assert.Equal(["Giulia Rossi", "Ivan Georgiev"], read.Comments.Select(c => c.AuthorName));
        Assert.True(listed.Value.CanComment);
        Assert.True((await comments.ListAsync(Giulia)).Value!.CanComment);
    }

    [Fact]
    public async Task Only_its_author_or_a_moderator_resolves_a_thread_and_a_reply_opens_it_again()
    {
        var (_, _, comments) = await NewBoardAsync();
        var thread = (await comments.StartAsync(Ivan, new NewCommentThreadRequest(new CommentAnchor(null, 300, 200), "A bench here?"), [])).Value!;

        Assert.Equal(ErrorCodes.Forbidden, (await comments.ResolveAsync(Giulia, thread.Id, resolved: true)).Code);
        var resolved = await comments.ResolveAsync(Ivan, thread.Id, resolved: true);
        Assert.True(resolved.Ok, resolved.Message);
        Assert.True(resolved.Value!.Resolved);
        Assert.Equal("Ivan Georgiev", resolved.Value.ResolvedBy);

        Assert.False((await comments.ResolveAsync(Elena, thread.Id, resolved: false)).Value!.Resolved); // a moderator reopens
        Assert.True((await comments.ResolveAsync(Elena, thread.Id, resolved: true)).Value!.Resolved);
        await fixture.Cluster.DeactivateAsync(comments);
        Assert.True(Assert.Single((await comments.ListAsync(Giulia)).Value!.Threads).Resolved); // kept, resolved

        var reply = await comments.ReplyAsync(Giulia, thread.Id, new CommentRequest("Still no bench."), []);
        Assert.False(reply.Value!.Resolved);
    }

    [Fact]
    public async Task A_thread_stays_on_its_deleted_note_and_is_there_again_when_the_note_is_restored()
    {
        var (_, board, comments) = await NewBoardAsync();
        Assert.True((await board.EditAsync(Ivan, new BoardEdit("ivan-d", 1, [new ElementChange(ChangeType.Create, "n7", Note("n7"))]))).Ok);
        var thread = (await comments.StartAsync(Maria, new NewCommentThreadRequest(new CommentAnchor("n7", 0, 0), "Keep this one."), [])).Value!;

        Assert.True((await board.EditAsync(Ivan, new BoardEdit("ivan-d", 2, [new ElementChange(ChangeType.Delete, "n7")]))).Ok);
        var export = (await board.ExportAsync(Ivan)).Value!;
        var whileDeleted = Assert.Single((await comments.ListAsync(Ivan)).Value!.Threads);
        Assert.Equal("n7", whileDeleted.Anchor.ElementId);
        Assert.True(CommentPlaces.OnDeletedElement(whileDeleted, export.Elements));

        Assert.True((await board.UndoAsync(Ivan, "ivan-d", 3)).Ok);
        var restored = (await board.ExportAsync(Ivan)).Value!;
        var after = Assert.Single((await comments.ListAsync(Ivan)).Value!.Threads);
        Assert.Equal(thread.Id, after.Id);
        Assert.False(CommentPlaces.OnDeletedElement(after, restored.Elements));
        Assert.Equal(restored.Elements.Single(e => e.Id == "n7").X + after.Anchor.X, CommentPlaces.Position(after, restored.Elements)!.Value.X);
    }

    [Fact]
    public async Task Edits_keep_their_history_only_the_author_edits_moderators_hide_and_bad_input_changes_nothing()
    {
        var (_, _, comments) = await NewBoardAsync();
        var thread = (await comments.StartAsync(Ivan, new NewCommentThreadRequest(new CommentAnchor(null, 0, 0), "First words."), [])).Value!;
        Assert.True((await comments.EditAsync(Ivan, thread.Id, "c1", new CommentRequest("Second words."), [])).Ok);
        Assert.Equal(ErrorCodes.Forbidden, (await comments.EditAsync(Maria, thread.Id, "c1", new CommentRequest("Not mine."), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await comments.EditAsync(Ivan, thread.Id, "c1", new CommentRequest("  "), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await comments.ReplyAsync(Ivan, thread.Id, new CommentRequest(new string('x', CommentLimits.MaxCommentLength + 1)), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await comments.StartAsync(Ivan, new NewCommentThreadRequest(new CommentAnchor(null, double.NaN, 0), "Nowhere."), [])).Code);
        Assert.Equal(ErrorCodes.NotFound, (await comments.ReplyAsync(Ivan, "k999", new CommentRequest("Into nothing."), [])).Code);

        var history = await comments.HistoryAsync(Giulia, thread.Id, "c1");
        Assert.Equal(["First words."], history.Value!.Select(r => r.Body));

        Assert.Equal(ErrorCodes.Forbidden, (await comments.HideAsync(Ivan, thread.Id, "c1", hidden: true)).Code);
        Assert.True((await comments.HideAsync(Elena, thread.Id, "c1", hidden: true)).Ok);
        await fixture.Cluster.DeactivateAsync(comments);
        var seen = Assert.Single((await comments.ListAsync(Giulia)).Value!.Threads).Comments.Single();
        Assert.Equal((true, string.Empty, string.Empty), (seen.Hidden, seen.Body, seen.Html));
        Assert.Equal("Second words.", Assert.Single((await comments.ListAsync(Elena)).Value!.Threads).Comments.Single().Body);
        Assert.Single((await comments.ListAsync(Elena)).Value!.Threads); // nothing refused was added
    }

    [Fact]
    public async Task Mentions_and_replies_reach_only_people_who_may_read_the_lab_and_outsiders_learn_nothing()
    {
        var (_, board, comments) = await NewBoardAsync();
        var before = await CountAsync(Giulia, Olga, Ivan);
        var thread = (await comments.StartAsync(Ivan, new NewCommentThreadRequest(new CommentAnchor(null, 0, 0), "@giulia @olga look"), [Giulia, Olga])).Value!;
        var mid = await CountAsync(Giulia, Olga, Ivan);
        Assert.Equal([before[0] + 1, before[1], before[2]], mid); // Olga may not read the lab; Ivan wrote it
        var told = (await fixture.Grains.GetGrain<INotificationGrain>(Giulia.UserId).ListAsync()).Items[0];
        Assert.Equal((NotificationKind.Mention, "Ivan Georgiev"), (told.Kind, told.ActorName));
        Assert.Contains($"boards/{board.GetPrimaryKeyString()}?comment={thread.Id}", told.Link, StringComparison.Ordinal);
        Assert.Equal(["u-giulia"], thread.Mentions);

        // Ivan follows the thread he opened: Giulia's reply reaches him.
        Assert.True((await comments.ReplyAsync(Giulia, thread.Id, new CommentRequest("Seen."), [])).Ok);
        Assert.Equal(mid[2] + 1, (await CountAsync(Ivan))[0]);

        // Who may not read the board gets exactly what a board that does not exist answers.
        var missing = await fixture.Grains.GetGrain<IBoardCommentsGrain>(BoardIds.New()).ListAsync(Olga);
        foreach (var stranger in new Actor?[] { Olga, null })
        {
            var refused = await comments.ListAsync(stranger);
            Assert.Equal(missing.Code, refused.Code);
            Assert.Equal(missing.Message!.Replace(missing.Message.Split('\'')[1], "ID", StringComparison.Ordinal), refused.Message!.Replace(board.GetPrimaryKeyString(), "ID", StringComparison.Ordinal));
        }

        Assert.Equal(ErrorCodes.NoSuchBoard, (await comments.StartAsync(Olga, new NewCommentThreadRequest(new CommentAnchor(null, 0, 0), "Hello?"), [])).Code);
        Assert.Equal(ErrorCodes.NoSuchBoard, (await comments.ReplyAsync(Olga, thread.Id, new CommentRequest("Hello?"), [])).Code);
    }

    [Fact]
    public async Task A_retried_request_opens_one_thread()
    {
        var (_, _, comments) = await NewBoardAsync();
        var first = await comments.StartAsync(Ivan, new NewCommentThreadRequest(new CommentAnchor(null, 1, 1), "Once.", "req-1"), []);
        var again = await comments.StartAsync(Ivan, new NewCommentThreadRequest(new CommentAnchor(null, 1, 1), "Once.", "req-1"), []);
        Assert.Equal(first.Value!.Id, again.Value!.Id);
        Assert.Single((await comments.ListAsync(Ivan)).Value!.Threads);
    }

    private static BoardElement Note(string id) => new(id, ElementKind.Note, 100, 50, 120, 80, 0, "#ffeb3b", id, null, null, null, string.Empty, default, default);

    /// <summary>A private lab of Maria's where Elena moderates, Ivan is a member and Giulia observes, and a board in it.</summary>
    private async Task<(string LabId, IBoardGrain Board, IBoardCommentsGrain Comments)> NewBoardAsync()
    {
        var labId = LabIds.New();
        var lab = fixture.Grains.GetGrain<ILabGrain>(labId);
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Green squares", LabThemes.EnergyAndMobility, "About", LabVisibility.Private))).Ok);
        foreach (var (who, role) in new[] { (Elena, LabRole.Moderator), (Ivan, LabRole.Member), (Giulia, LabRole.Observer) })
        {
            var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
            Assert.True(invitation.Ok, invitation.Message);
            Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
        }

        var id = BoardIds.New();
        var board = fixture.Grains.GetGrain<IBoardGrain>(id);
        Assert.True((await board.CreateAsync(Maria, "Square plan", labId)).Ok);
        return (labId, board, fixture.Grains.GetGrain<IBoardCommentsGrain>(id));
    }

    private async Task<int[]> CountAsync(params Actor[] people)
    {
        var counts = new int[people.Length];
        for (var i = 0; i < people.Length; i++)
        {
            counts[i] = (await fixture.Grains.GetGrain<INotificationGrain>(people[i].UserId).ListAsync()).Items.Count;
        }

        return counts;
    }
}

public sealed class BoardCommentsGrainTestsOnEmbedded(EmbeddedClusterFixture fixture) : BoardCommentsGrainTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class BoardCommentsGrainTestsOnAzure(AzureClusterFixture fixture) : BoardCommentsGrainTests(fixture), IClassFixture<AzureClusterFixture>;
