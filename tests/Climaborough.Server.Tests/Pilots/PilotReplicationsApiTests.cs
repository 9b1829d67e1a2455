namespace Climaborough.Server.Tests.Pilots;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>Replication over REST on a node with the demo data: Torino's replication of Sofia's energy and mobility pilot, both ways, and refusals that create nothing.</summary>
public sealed class PilotReplicationsApiTests
{
    [Fact]
    public async Task The_demo_leader_lists_torinos_replication_side_by_side_and_a_bad_replication_creates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["DemoData__Content"] = "true" });
        await node.WaitReadyAsync();
        using var maria = await TestTokens.ClientAsync(node.Url, "maria");
        var leader = Assert.Single((await maria.GetFromJsonAsync<PilotSummary[]>("api/pilots?city=sofia", BoardJson.Options, ct))!, p => p.HubId == LabThemes.EnergyAndMobility);

        var fromLeader = (await maria.GetFromJsonAsync<PilotReplicationsView>($"api/pilots/{leader.Id}/replications", BoardJson.Options, ct))!;
        var torino = Assert.Single(fromLeader.Replications);
        Assert.Equal("torino", torino.Summary.CityId);
        Assert.Equal(3, torino.MilestonesTotal); // the leader's plan
        Assert.Equal(1, torino.MilestonesDone);
        Assert.NotNull(Assert.Single(torino.Indicators, i => i.IndicatorId == "cycling-modal-share").Progress);
        Assert.Contains(fromLeader.Self.Indicators, i => i.IndicatorId == "cycling-modal-share");

        var fromReplica = (await maria.GetFromJsonAsync<PilotReplicationsView>($"api/pilots/{torino.Summary.Id}/replications", BoardJson.Options, ct))!;
        Assert.Equal(leader.Id, fromReplica.Replicates!.Summary.Id);
        Assert.Equal(["renewable-energy-produced"], fromReplica.PlannedIndicators.Select(d => d.Id)); // the other one was adopted

        // Into a lab of the leader's own city: 409; into no lab: 404; nobody signed in: 401. Nothing is listed after.
        var sofiaLab = leader.LabId;
        using (var own = await maria.PostAsJsonAsync($"api/pilots/{leader.Id}/replications", new ReplicatePilotRequest(sofiaLab), BoardJson.Options, ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        }

        using (var nowhere = await maria.PostAsJsonAsync($"api/pilots/{leader.Id}/replications", new ReplicatePilotRequest("lbnosuchlab0001"), BoardJson.Options, ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        }

        using (var anonymous = new HttpClient { BaseAddress = node.Url })
        using (var refused = await anonymous.PostAsJsonAsync($"api/pilots/{leader.Id}/replications", new ReplicatePilotRequest(sofiaLab), BoardJson.Options, ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Single((await maria.GetFromJsonAsync<PilotReplicationsView>($"api/pilots/{leader.Id}/replications", BoardJson.Options, ct))!.Replications);
        Assert.Equal(2, (await maria.GetFromJsonAsync<PilotSummary[]>("api/pilots?city=sofia", BoardJson.Options, ct))!.Length);
        TestTokens.Forget(node.Url);
    }
}
