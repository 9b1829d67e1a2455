namespace Climaborough.Grains.Tests.Threads;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Notifications;
using Climaborough.Abstractions.Threads;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// A lab's discussion thread as its readers meet it: posts in order, edits that keep the earlier text,
/// moderators hiding a post, locking, who hears of what, and not-found for whoever may not read the lab;
/// on each storage backend, surviving a reload.
/// </summary>
public abstract class ThreadGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Posts_stay_in_order_and_an_edit_keeps_the_earlier_text_in_the_history_also_after_a_reload()
    {
        var (labId, thread) = await NewThreadAsync("First idea: a bike lane on Tsar Boris.");
        var reply = await thread.ReplyAsync(Ivan, labId, new ReplyRequest("I agree.", "p1"), []);
        Assert.True(reply.Ok, reply.Message);

        Assert.True((await thread.EditAsync(Ivan, labId, "p2", new EditPostRequest("I agree, with **one** change."), [])).Ok);
        var edited = await thread.EditAsync(Ivan, labId, "p2", new EditPostRequest("I agree, with **two** changes."), []);
        Assert.True(edited.Ok, edited.Message);
        Assert.Equal(2, edited.Value!.Edits);
        Assert.NotNull(edited.Value.EditedAt);

        // The same text again is no edit.
        Assert.Equal(2, (await thread.EditAsync(Ivan, labId, "p2", new EditPostRequest("I agree, with **two** changes."), [])).Value!.Edits);

        await fixture.Cluster.DeactivateAsync(thread);

        var view = await thread.ViewAsync(Giulia, labId);
        Assert.True(view.Ok, view.Message);
        Assert.Equal("Bike lanes", view.Value!.Summary.Title);
        Assert.Equal(1, view.Value.Summary.Replies);
        Assert.Equal(["p1", "p2"], view.Value.Posts.Select(p => p.Id));
        var shown = view.Value.Posts[1];
        Assert.Equal("I agree, with **two** changes.", shown.Body);
        Assert.Contains("<strong>two</strong>", shown.Html, StringComparison.Ordinal);
        Assert.Equal(("p1", "Maria Petrova", "First idea: a bike lane on Tsar Boris."), (shown.QuoteOf, shown.QuoteAuthor, shown.QuoteText));
        Assert.False(view.Value.CanReply); // an observer
        Assert.False(view.Value.CanModerate);

        var history = await thread.HistoryAsync(Giulia, labId, "p2");
        Assert.True(history.Ok, history.Message);
        Assert.Equal(["I agree.", "I agree, with **one** change."], history.Value!.Select(r => r.Body));
        Assert.Empty((await thread.HistoryAsync(Giulia, labId, "p1")).Value!);

        var lab = (await fixture.Grains.GetGrain<ILabGrain>(labId).ViewAsync(Giulia)).Value!;
        Assert.Contains(lab.Contents, c => c.Kind == "thread" && c.Id == thread.GetPrimaryKeyString() && c.Title == "Bike lanes");
    }

    [Fact]
    public async Task Only_the_author_edits_a_post_only_members_reply_and_bad_input_changes_nothing()
    {
        var (labId, thread) = await NewThreadAsync("Where do we start?");
        Assert.True((await thread.ReplyAsync(Ivan, labId, new ReplyRequest("Near the school.", null), [])).Ok);

        Assert.Equal(ErrorCodes.Forbidden, (await thread.EditAsync(Maria, labId, "p2", new EditPostRequest("Changed by the owner."), [])).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await thread.ReplyAsync(Giulia, labId, new ReplyRequest("An observer writes.", null), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await thread.ReplyAsync(Ivan, labId, new ReplyRequest("   ", null), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await thread.ReplyAsync(Ivan, labId, new ReplyRequest(new string('a', ThreadLimits.MaxPostLength + 1), null), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await thread.ReplyAsync(Ivan, labId, new ReplyRequest("Quoting nothing.", "p9"), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await thread.EditAsync(Ivan, labId, "p2", new EditPostRequest(string.Empty), [])).Code);

        var view = (await thread.ViewAsync(Maria, labId)).Value!;
        Assert.Equal(["Where do we start?", "Near the school."], view.Posts.Select(p => p.Body));
        Assert.Equal(0, view.Posts[1].Edits);
    }

    [Fact]
    public async Task A_moderator_hides_a_post_readers_keep_its_place_without_its_text_and_only_moderators_read_it_and_its_history()
    {
        var (labId, thread) = await NewThreadAsync("Ideas for the square.");
        Assert.True((await thread.ReplyAsync(Ivan, labId, new ReplyRequest("Something rude.", null), [])).Ok);
        Assert.True((await thread.EditAsync(Ivan, labId, "p2", new EditPostRequest("Something ruder."), [])).Ok);
        Assert.True((await thread.ReportAsync(Giulia, labId, "p2", "Not kind")).Ok);
        var queued = Assert.Single(await thread.ReviewQueueAsync(labId));
        Assert.Equal("p2", queued.Post.Id);
        Assert.Equal(["Not kind"], queued.Reasons);

        Assert.Equal(ErrorCodes.Forbidden, (await thread.ModerateAsync(Ivan, labId, "p2", new ModeratePostRequest(Hidden: true, Flagged: false))).Code);
        var hidden = await thread.ModerateAsync(Elena, labId, "p2", new ModeratePostRequest(Hidden: true, Flagged: false));
        Assert.True(hidden.Ok, hidden.Message);
        Assert.Empty(await thread.ReviewQueueAsync(labId)); // the report is closed

        await fixture.Cluster.DeactivateAsync(thread);

        var reader = (await thread.ViewAsync(Giulia, labId)).Value!.Posts[1];
        Assert.True(reader.Hidden);
        Assert.Equal((string.Empty, string.Empty), (reader.Body, reader.Html));
        Assert.Equal(ErrorCodes.Invalid, (await thread.HistoryAsync(Giulia, labId, "p2")).Code);
        Assert.Equal(ErrorCodes.Invalid, (await thread.ReplyAsync(Maria, labId, new ReplyRequest("Quoting it.", "p2"), [])).Code);
        Assert.Equal(ErrorCodes.Invalid, (await thread.ReactAsync(Giulia, labId, "p2", ThreadLimits.Reactions[0], on: true)).Code);

        var moderator = (await thread.ViewAsync(Elena, labId)).Value!.Posts[1];
        Assert.True(moderator.Hidden);
        Assert.Equal("Something ruder.", moderator.Body);
        Assert.Equal(["Something rude."], (await thread.HistoryAsync(Elena, labId, "p2")).Value!.Select(r => r.Body));

        Assert.True((await thread.ModerateAsync(Elena, labId, "p2", new ModeratePostRequest(Hidden: false, Flagged: true))).Ok);
        var shownAgain = (await thread.ViewAsync(Giulia, labId)).Value!.Posts[1];
        Assert.Equal(("Something ruder.", false, true), (shownAgain.Body, shownAgain.Hidden, shownAgain.Flagged));
        Assert.Equal("p2", Assert.Single(await thread.ReviewQueueAsync(labId)).Post.Id); // flagged: stays for review
    }

    [Fact]
    public async Task A_locked_thread_takes_no_replies_or_edits_until_a_moderator_unlocks_it()
    {
        var (labId, thread) = await NewThreadAsync("Vote on the route.");
        Assert.True((await thread.ReplyAsync(Ivan, labId, new ReplyRequest("Route A.", null), [])).Ok);

        Assert.Equal(ErrorCodes.Forbidden, (await thread.LockAsync(Ivan, labId, locked: true)).Code);
        Assert.True((await thread.LockAsync(Elena, labId, locked: true)).Value!.Locked);

        Assert.Equal(ErrorCodes.Conflict, (await thread.ReplyAsync(Ivan, labId, new ReplyRequest("Route B.", null), [])).Code);
        Assert.Equal(ErrorCodes.Conflict, (await thread.EditAsync(Ivan, labId, "p2", new EditPostRequest("Route B after all."), [])).Code);
        Assert.False((await thread.ViewAsync(Ivan, labId)).Value!.CanReply);
        Assert.Equal(["Vote on the route.", "Route A."], (await thread.ViewAsync(Ivan, labId)).Value!.Posts.Select(p => p.Body));

        Assert.False((await thread.LockAsync(Elena, labId, locked: false)).Value!.Locked);
        Assert.True((await thread.ReplyAsync(Ivan, labId, new ReplyRequest("Route B.", null), [])).Ok);
        Assert.True((await thread.ViewAsync(Ivan, labId)).Value!.CanReply);
    }

    [Fact]
    public async Task Who_may_not_read_the_lab_gets_not_found_exactly_as_for_a_thread_that_does_not_exist()
    {
        var (labId, thread) = await NewThreadAsync("Members only.");
        var missing = fixture.Grains.GetGrain<IThreadGrain>(ThreadIds.New());
        var notFound = await missing.ViewAsync(Maria, labId);
        Assert.Equal(ErrorCodes.NotFound, notFound.Code);

        foreach (var stranger in new Actor?[] { Olga, null })
        {
            var view = await thread.ViewAsync(stranger, labId);
            Assert.Equal((notFound.Code, notFound.Message), (view.Code, view.Message));
            Assert.Null(view.Value);
            Assert.Equal(ErrorCodes.NotFound, (await thread.HistoryAsync(stranger, labId, "p1")).Code);
        }

        Assert.Equal(ErrorCodes.NotFound, (await thread.ReplyAsync(Olga, labId, new ReplyRequest("Hello?", null), [])).Code);
        Assert.Equal(ErrorCodes.NotFound, (await thread.EditAsync(Olga, labId, "p1", new EditPostRequest("Mine now."), [])).Code);
        Assert.Equal(ErrorCodes.NotFound, (await thread.ReactAsync(Olga, labId, "p1", ThreadLimits.Reactions[0], on: true)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await thread.ReportAsync(Olga, labId, "p1", "Spam")).Code);
        Assert.Equal(ErrorCodes.NotFound, (await thread.FollowAsync(Olga, labId, follow: true)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await thread.ModerateAsync(Olga, labId, "p1", new ModeratePostRequest(Hidden: true, Flagged: false))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await thread.LockAsync(Olga, labId, locked: true)).Code);

        // Asked for under another lab (one Olga owns), the thread does not exist, even for its own lab's owner.
        var otherLab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await otherLab.CreateAsync(Olga, new CreateLabRequest("Maribor lab", LabThemes.WasteToCircularity, "About", LabVisibility.Public))).Ok);
        Assert.Equal(ErrorCodes.NotFound, (await thread.ViewAsync(Olga, otherLab.GetPrimaryKeyString())).Code);
        Assert.Equal(ErrorCodes.NotFound, (await thread.ViewAsync(Maria, otherLab.GetPrimaryKeyString())).Code);
        Assert.Null(await thread.SummaryAsync(otherLab.GetPrimaryKeyString()));

        // A member removed from the lab is a stranger from then on.
        Assert.True((await fixture.Grains.GetGrain<ILabGrain>(labId).RemoveAsync(Maria, Ivan.UserId)).Ok);
        Assert.Equal(ErrorCodes.NotFound, (await thread.ViewAsync(Ivan, labId)).Code);
        Assert.Equal(["Members only."], (await thread.ViewAsync(Maria, labId)).Value!.Posts.Select(p => p.Body));
    }

    [Fact]
    public async Task Followers_hear_of_replies_and_a_mention_reaches_only_people_who_may_read_the_lab()
    {
        var (labId, thread) = await NewThreadAsync("Who joins the walk?");
        var before = await CountAsync(Maria, Giulia, Olga);

        Assert.True((await thread.ReplyAsync(Ivan, labId, new ReplyRequest("@giulia @olga are you in?", null), [Giulia, Olga])).Ok);

        var after = await CountAsync(Maria, Giulia, Olga);
        Assert.Equal(before[0] + 1, after[0]); // Maria opened the thread, so she follows it
        Assert.Equal(before[1] + 1, after[1]);
        Assert.Equal(before[2], after[2]); // Olga may not read the lab: she hears nothing of it
        var mention = (await fixture.Grains.GetGrain<INotificationGrain>(Giulia.UserId).ListAsync()).Items[0];
        Assert.Equal((NotificationKind.Mention, "Ivan Georgiev", "Bike lanes"), (mention.Kind, mention.ActorName, mention.Title));

        // Maria stops following: the next reply does not reach her.
        Assert.True((await thread.FollowAsync(Maria, labId, follow: false)).Ok);
        Assert.False((await thread.ViewAsync(Maria, labId)).Value!.Following);
        Assert.True((await thread.ReplyAsync(Ivan, labId, new ReplyRequest("Saturday at ten.", null), [])).Ok);
        Assert.Equal(after[0], (await CountAsync(Maria))[0]);
    }

    /// <summary>A private lab of Maria's (owner) where Elena moderates, Ivan is a member and Giulia observes, and a thread Maria opened in it.</summary>
    private async Task<(string LabId, IThreadGrain Thread)> NewThreadAsync(string firstPost)
    {
        var labId = LabIds.New();
        var lab = fixture.Grains.GetGrain<ILabGrain>(labId);
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Safer streets", LabThemes.EnergyAndMobility, "About", LabVisibility.Private))).Ok);
        foreach (var (who, role) in new[] { (Elena, LabRole.Moderator), (Ivan, LabRole.Member), (Giulia, LabRole.Observer) })
        {
            var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
            Assert.True(invitation.Ok, invitation.Message);
            Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
        }

        var thread = fixture.Grains.GetGrain<IThreadGrain>(ThreadIds.New());
        var created = await thread.CreateAsync(Maria, labId, new CreateThreadRequest("Bike lanes", firstPost), []);
        Assert.True(created.Ok, created.Message);
        Assert.True(created.Value!.Following);
        return (labId, thread);
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

public sealed class ThreadGrainTestsOnEmbedded(EmbeddedClusterFixture fixture) : ThreadGrainTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class ThreadGrainTestsOnAzure(AzureClusterFixture fixture) : ThreadGrainTests(fixture), IClassFixture<AzureClusterFixture>;
