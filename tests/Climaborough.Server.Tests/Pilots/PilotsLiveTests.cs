namespace Climaborough.Server.Tests.Pilots;

using System.Collections.Concurrent;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// A pilot's page and the dashboard follow pilots live over the hub on a real node, in the private "Circular
/// Sofia" lab of <see cref="DiscussionNode"/> (Maria owner and Sofia's coordinator, Ivan member; Olga in no lab).
/// </summary>
[Collection("discussions")]
public sealed class PilotsLiveTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reader_hears_the_pilot_change_on_a_milestone_and_a_tender_and_a_stranger_is_refused_as_for_a_missing_pilot()
    {
        using var maria = await lab.As("maria");
        var id = await NewPilotAsync(maria, "Live compost pilot");

        var heard = new ConcurrentQueue<string>();
        await using var ivan = lab.Hub("ivan");
        ivan.On<string>(nameof(ILiveClient.PilotChanged), heard.Enqueue);
        await ivan.StartAsync(Ct);
        var watched = await ivan.InvokeAsync<PilotView>(nameof(ILiveHub.WatchPilot), id, Ct);
        Assert.Equal("Live compost pilot", watched.Summary.Title);

        (await maria.PostAsJsonAsync($"api/pilots/{id}/milestones", new MilestoneRequest("Bins delivered", new DateOnly(2030, 1, 1), "Maria", MilestoneStatus.Planned), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await Eventually(() => heard.Contains(id));
        heard.Clear();
        (await maria.PostAsJsonAsync($"api/pilots/{id}/tenders", new TenderRequest("Compost bins", TenderProcedure.OpenProcedure, TenderStatus.Planned, null, null, null, [new TenderLot("Bins", 1000m, null)]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await Eventually(() => heard.Contains(id));

        // Olga reads no lab of Sofia's: exactly the refusal of a pilot that does not exist, nothing of this one.
        await using var olga = lab.Hub("olga");
        await olga.StartAsync(Ct);
        var refused = await Assert.ThrowsAsync<HubException>(() => olga.InvokeAsync<PilotView>(nameof(ILiveHub.WatchPilot), id, Ct));
        var missing = "plnosuch" + Guid.NewGuid().ToString("N")[..6];
        var none = await Assert.ThrowsAsync<HubException>(() => olga.InvokeAsync<PilotView>(nameof(ILiveHub.WatchPilot), missing, Ct));
        Assert.Contains(ErrorCodes.NotFound + ":", refused.Message, StringComparison.Ordinal);
        Assert.Equal(none.Message.Replace(missing, "ID", StringComparison.Ordinal), refused.Message.Replace(id, "ID", StringComparison.Ordinal));
        Assert.DoesNotContain("compost", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Anyone_watching_a_hubs_dashboard_hears_that_it_changed_without_the_pilot_and_an_unknown_hub_is_refused()
    {
        using var maria = await lab.As("maria");
        var id = await NewPilotAsync(maria, "Live dashboard pilot");

        var heard = new ConcurrentQueue<string>();
        var pilotEvents = new ConcurrentQueue<string>();
        await using var anyone = TestHubs.For(lab.Url, null);
        anyone.On<string>(nameof(ILiveClient.PilotDashboardChanged), heard.Enqueue);
        anyone.On<string>(nameof(ILiveClient.PilotChanged), pilotEvents.Enqueue);
        await anyone.StartAsync(Ct);
        var hub = await anyone.InvokeAsync<ClimHub>(nameof(ILiveHub.WatchPilotDashboard), LabThemes.WasteToCircularity, Ct);
        Assert.Equal(LabThemes.WasteToCircularity, hub.Id);

        // The pilot is private: not watchable without an account, but its hub's dashboard says "changed" (and nothing of it).
        await Assert.ThrowsAsync<HubException>(() => anyone.InvokeAsync<PilotView>(nameof(ILiveHub.WatchPilot), id, Ct));
        (await maria.PutAsJsonAsync($"api/pilots/{id}/stage", new PilotStageRequest(PilotStage.Procure), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await Eventually(() => heard.Contains(LabThemes.WasteToCircularity));
        Assert.Empty(pilotEvents);

        var unknown = await Assert.ThrowsAsync<HubException>(() => anyone.InvokeAsync<ClimHub>(nameof(ILiveHub.WatchPilotDashboard), "no-such-hub", Ct));
        Assert.Contains(ErrorCodes.NotFound + ":", unknown.Message, StringComparison.Ordinal);
    }

    private async Task<string> NewPilotAsync(HttpClient maria, string title)
    {
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(lab.LabId, LabThemes.WasteToCircularity, title, "Challenge", PilotStage.CoCreate), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Summary.Id;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "It did not arrive within 15 s.");
            await Task.Delay(50, Ct);
        }
    }
}
