namespace Climaborough.Server.Tests.Sessions;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Server.Tests.Realtime;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// A private brainstorm over a real node. Ivan (member) writes a note during the private step; what Giulia (observer)
/// and Olga's absence can tell is read from the raw hub frames and HTTP bodies, so nothing a client library drops can
/// hide a leak: no text, id or geometry of Ivan's note reaches Giulia in live ops, presence, join, catch-up, exports or
/// the outline, until Elena reveals it. Maria (owner) and Ivan himself get it whole.
/// </summary>
public sealed class PrivateBrainstormHubTests(DiscussionNode lab) : IClassFixture<DiscussionNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sessions => $"api/labs/{lab.LabId}/sessions";

    private async Task<SessionView> PrivateStepAsync()
    {
        using var elena = await lab.As("elena");
        using var created = await elena.PostAsJsonAsync(Sessions, new CreateSessionRequest("Ideas first", null, null, lab.BoardId,
            [new("On your own", "One idea per note.", 10, SessionStepKind.PrivateBrainstorm), new("Together", null, 10, SessionStepKind.Discuss)]), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, Ct))!;
        using var started = await elena.PostAsJsonAsync($"{Sessions}/{session.Id}/control", new SessionControlRequest(SessionCommand.Start), BoardJson.Options, Ct);
        started.EnsureSuccessStatusCode();
        return session;
    }

    [Fact]
    public async Task Another_participant_receives_none_of_a_private_note_in_any_frame_or_export_until_the_reveal()
    {
        var session = await PrivateStepAsync();
        var giulia = await RawHub.ConnectAsync(lab.Url, await TestTokens.ForAsync(lab.Url, "giulia"));
        var maria = await RawHub.ConnectAsync(lab.Url, await TestTokens.ForAsync(lab.Url, "maria"));
        await using var _g = giulia;
        await using var _m = maria;
        var giuliaJoin = await giulia.InvokeAsync(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L);
        var joinedAt = giuliaJoin.GetProperty("result").GetProperty("board").GetProperty("seq").GetInt64();
        await maria.InvokeAsync(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L);

        // Ivan's note: an id, a text and a position nobody else could guess.
        var secret = Guid.NewGuid().ToString("N")[..10];
        var noteId = "priv" + secret;
        var text = "Speed bumps by school " + secret;
        const double X = 4321.625, Y = 8765.375;
        var ivanClient = "ivan-tab-" + Guid.NewGuid().ToString("N")[..6]; // the client id is public, like every op number
        await using var ivan = lab.Hub("ivan");
        await ivan.StartAsync(Ct);
        await ivan.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);
        var added = await ivan.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), lab.BoardId, new BoardEdit(ivanClient, 1,
            [new ElementChange(ChangeType.Create, noteId, new BoardElement(noteId, ElementKind.Note, X, Y, 180, 120, 3, "#fff59d", text, null, null, null, string.Empty, default, default))]), Ct);
        Assert.True(added.Ok, added.Error);
        var moved = await ivan.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), lab.BoardId, new BoardEdit(ivanClient, 2,
            [new ElementChange(ChangeType.Update, noteId, Patch: new ElementPatch(X: X + 1, Text: text + " (edited)"))]), Ct);
        Assert.True(moved.Ok, moved.Error);
        await ivan.InvokeAsync(nameof(ILiveHub.UpdatePresence), lab.BoardId, new PresenceUpdate(X + 2, Y + 2, [noteId]), Ct);
        var ivanView = await ivan.InvokeAsync<PrivateNotesView>(nameof(ILiveHub.PrivateNotes), lab.BoardId, Ct);
        Assert.Equal([noteId], ivanView.Visible.Select(m => m.ElementId));

        // Giulia's connection gets both op numbers (without their changes) and the counter; Maria's gets the note.
        await Eventually(() => OpSeqs(giulia).Contains(moved.Seq!.Value) && maria.Frames.Any(f => f.Contains(text + " (edited)", StringComparison.Ordinal)));
        await Eventually(() => giulia.Invocations(nameof(ILiveClient.PrivateNotesChanged)).Any(a => a[1].GetProperty("counts").EnumerateArray().Any(c => c.GetProperty("count").GetInt32() == 1)));
        var counters = (await giulia.InvokeAsync(nameof(ILiveHub.PrivateNotes), lab.BoardId)).GetProperty("result").Deserialize<PrivateNotesView>(BoardJson.Options)!;
        Assert.True(counters.Open);
        Assert.Contains(counters.Counts, c => c.Count == 1 && c.Name.Length > 0);
        Assert.Empty(counters.Visible);

        // A fresh join (snapshot), a catch-up from where Giulia was, and the exports and the outline.
        await giulia.InvokeAsync(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L);
        await giulia.InvokeAsync(nameof(ILiveHub.JoinBoard), lab.BoardId, joinedAt);
        using var giuliaHttp = await lab.As("giulia");
        var bodies = new List<string>();
        foreach (var path in new[] { "export.json", "export.md", "versions" })
        {
            using var response = await giuliaHttp.GetAsync(new Uri($"api/boards/{lab.BoardId}/{path}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync(Ct));
        }

        var leaks = new[] { secret, X.ToString(System.Globalization.CultureInfo.InvariantCulture), Y.ToString(System.Globalization.CultureInfo.InvariantCulture), (X + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var leak in leaks)
        {
            Assert.True(!giulia.Frames.Any(f => f.Contains(leak, StringComparison.Ordinal)), $"'{leak}' reached Giulia: {giulia.Frames.FirstOrDefault(f => f.Contains(leak, StringComparison.Ordinal))}");
            Assert.True(!bodies.Any(b => b.Contains(leak, StringComparison.Ordinal)), $"'{leak}' is in what Giulia downloads: {bodies.FirstOrDefault(b => b.Contains(leak, StringComparison.Ordinal))}");
        }

        // The facilitator's own export has it: the filter is per reader, not a loss.
        using var mariaHttp = await lab.As("maria");
        Assert.Contains(secret, await mariaHttp.GetStringAsync(new Uri($"api/boards/{lab.BoardId}/export.md", UriKind.Relative), Ct), StringComparison.Ordinal);

        // Only moderators reveal; who may not read the lab is told there is no such session.
        using var ivanHttp = await lab.As("ivan");
        using (var refused = await ivanHttp.PostAsync(new Uri($"{Sessions}/{session.Id}/reveal", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var olga = await lab.As("olga"))
        using (var missing = await olga.PostAsync(new Uri($"{Sessions}/{session.Id}/reveal", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.DoesNotContain(giulia.Frames, f => f.Contains(secret, StringComparison.Ordinal));
        var reveal = await maria.InvokeAsync(nameof(ILiveHub.RevealPrivateNotes), lab.LabId, session.Id);
        Assert.True(reveal.GetProperty("result").GetProperty("ok").GetBoolean(), reveal.ToString());

        // Now Giulia gets the note as it is, in one reveal op, and reads it in the outline.
        await Eventually(() => giulia.Invocations(nameof(ILiveClient.BoardOps)).Any(a => a[1].EnumerateArray().Any(op => op.GetProperty("kind").GetString() == "Reveal" && op.ToString().Contains(text + " (edited)", StringComparison.Ordinal))));
        Assert.Contains(secret, await giuliaHttp.GetStringAsync(new Uri($"api/boards/{lab.BoardId}/export.md", UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    private static HashSet<long> OpSeqs(RawHub hub) =>
        [.. hub.Invocations(nameof(ILiveClient.BoardOps)).SelectMany(a => a[1].EnumerateArray().Select(op => op.GetProperty("seq").GetInt64()))];

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
