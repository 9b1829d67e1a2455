namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Notifications;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>Milestone owners, evidence and reminders, and replication (issue 14, "progress"), on each backend with a hand-moved clock.</summary>
public abstract class PilotProgressTests(ManualClockClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task The_owner_is_reminded_once_a_week_before_and_once_when_overdue_also_after_a_restart()
    {
        var (lab, pilot) = await NewPilotAsync(Maria, LabVisibility.Private);
        await PilotLabs.InviteAsync(lab, Ivan, LabRole.Member);
        var link = "/pilots/" + pilot.GetPrimaryKeyString();
        var added = await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Procurement plan", Today.AddDays(10), "Ivan", MilestoneStatus.InProgress, Ivan.UserId, [new EvidenceLink("Draft", "https://example.org/plan.pdf")]));
        Assert.True(added.Ok, added.Message);
        Assert.Equal("Ivan Georgiev", added.Value!.Owner); // named as the lab knows him
        Assert.Equal(Ivan.UserId, added.Value.OwnerId);
        Assert.Equal("https://example.org/plan.pdf", Assert.Single(added.Value.Evidence!).Url);
        Assert.True((await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Baseline survey", Today.AddDays(2), "Ivan", MilestoneStatus.Done, Ivan.UserId))).Ok);
        Assert.Empty(await RemindersAsync(Ivan, link)); // ten days ahead; the other is done

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await pilot.SendRemindersAsync());
        Assert.Equal(0, await pilot.SendRemindersAsync());
        await fixture.Cluster.DeactivateAsync(pilot);
        Assert.Equal(0, await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).SendRemindersAsync());
        var soon = Assert.Single(await RemindersAsync(Ivan, link));
        Assert.Equal(NotificationKind.MilestoneDueSoon, soon.Kind);
        Assert.Equal("Procurement plan", soon.Title);

        fixture.Clock.Advance(TimeSpan.FromDays(8)); // one day past due
        Assert.Equal(1, await pilot.SendRemindersAsync());
        await fixture.Cluster.DeactivateAsync(pilot);
        Assert.Equal(0, await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).SendRemindersAsync());
        var view = (await pilot.ViewAsync(Maria)).Value!;
        Assert.True(view.Milestones.Single(m => m.Title == "Procurement plan").Late);

        var reminders = await RemindersAsync(Ivan, link);
        Assert.Equal([NotificationKind.MilestoneOverdue, NotificationKind.MilestoneDueSoon], reminders.Select(n => n.Kind)); // newest first
        Assert.Equal(0, await RemindersAsync(Maria, link) is { Count: var mine } ? mine : -1);
    }

    [Fact]
    public async Task A_new_due_date_starts_the_reminders_again_and_bad_owners_or_links_change_nothing()
    {
        var (lab, pilot) = await NewPilotAsync(Maria, LabVisibility.Private);
        await PilotLabs.InviteAsync(lab, Ivan, LabRole.Member);
        var link = "/pilots/" + pilot.GetPrimaryKeyString();
        var m = (await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Tender published", Today.AddDays(5), "Ivan", MilestoneStatus.Planned, Ivan.UserId))).Value!;
        Assert.Single(await RemindersAsync(Ivan, link)); // within a week when added: told at once

        var refused = await pilot.UpdateMilestoneAsync(Maria, m.Id, new MilestoneRequest("Tender published", Today.AddDays(30), "Olga", MilestoneStatus.Planned, Olga.UserId, [new EvidenceLink("x", "javascript:alert(1)"), new EvidenceLink("", "//evil.example")]));
        Assert.Equal(ErrorCodes.Invalid, refused.Code);
        Assert.Equal(["ownerId", "evidence[0].url", "evidence[1].title", "evidence[1].url"], refused.Message!.Split('\n').Select(l => l.Split(':')[0]));
        Assert.Equal(Today.AddDays(5), (await pilot.ViewAsync(Maria)).Value!.Milestones.Single().Due);

        var moved = await pilot.UpdateMilestoneAsync(Maria, m.Id, new MilestoneRequest("Tender published", Today.AddDays(20), "Ivan", MilestoneStatus.Planned, Ivan.UserId, [new EvidenceLink("Board", "/boards/bd0123456789ab")]));
        Assert.True(moved.Ok, moved.Message);
        Assert.Equal("/boards/bd0123456789ab", Assert.Single(moved.Value!.Evidence!).Url);
        fixture.Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal(1, await pilot.SendRemindersAsync());
        Assert.Equal(2, (await RemindersAsync(Ivan, link)).Count(n => n.Kind == NotificationKind.MilestoneDueSoon));
    }

    [Fact]
    public async Task A_follower_replicates_a_leaders_pilot_with_its_plan_and_indicators_linked_both_ways()
    {
        var (_, leader) = await NewPilotAsync(Maria, LabVisibility.Network);
        Assert.True((await leader.AddMilestoneAsync(Maria, new MilestoneRequest("Stakeholder workshop", Today.AddDays(30), "Maria", MilestoneStatus.Done))).Ok);
        Assert.True((await leader.AddMilestoneAsync(Maria, new MilestoneRequest("E-bus line in service", Today.AddDays(90), "Maria", MilestoneStatus.Planned))).Ok);
        Assert.True((await leader.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 12, 31))))).Ok);
        Assert.True((await leader.AddMeasurementAsync(Maria, "cycling-modal-share", new MeasurementRequest(4, Today, "Counters", null))).Ok);
        var torinoLab = await NewLabAsync(Giulia, LabVisibility.Network);
        var sofiaLab = await NewLabAsync(Maria, LabVisibility.Network);
        var leaderId = leader.GetPrimaryKeyString();

        Assert.Equal(ErrorCodes.Conflict, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).ReplicateAsync(Maria, leaderId, new ReplicatePilotRequest(sofiaLab))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).ReplicateAsync(Olga, leaderId, new ReplicatePilotRequest(torinoLab))).Code);
        var (_, hidden) = await NewPilotAsync(Maria, LabVisibility.Private);
        Assert.Equal(ErrorCodes.NotFound, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).ReplicateAsync(Giulia, hidden.GetPrimaryKeyString(), new ReplicatePilotRequest(torinoLab))).Code);
        Assert.Empty((await leader.ReplicationsAsync(Maria)).Value!.Replications);

        fixture.Clock.Advance(TimeSpan.FromDays(10));
        var replica = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var made = await replica.ReplicateAsync(Giulia, leaderId, new ReplicatePilotRequest(torinoLab, "Integrated mobility services for Torino"));
        Assert.True(made.Ok, made.Message);
        var v = made.Value!;
        Assert.Equal("torino", v.Summary.CityId);
        Assert.Equal(LabThemes.EnergyAndMobility, v.Summary.HubId);
        Assert.Equal("Integrated mobility services for Torino", v.Summary.Title);
        Assert.Equal(["Stakeholder workshop", "E-bus line in service"], v.Milestones.Select(m => m.Title));
        Assert.All(v.Milestones, m => Assert.Equal(MilestoneStatus.Planned, m.Status));
        Assert.Equal(60, v.Milestones[1].Due.DayNumber - v.Milestones[0].Due.DayNumber); // the leader's spacing
        Assert.True(v.Milestones[0].Due >= Today);
        Assert.Empty(v.Indicators); // definitions without values: to adopt

        await fixture.Cluster.DeactivateAsync(leader);
        await fixture.Cluster.DeactivateAsync(replica);
        var fromLeader = (await leader.ReplicationsAsync(Maria)).Value!;
        var listed = Assert.Single(fromLeader.Replications);
        Assert.Equal(replica.GetPrimaryKeyString(), listed.Summary.Id);
        Assert.Equal(2, listed.MilestonesTotal);
        var fromReplica = (await replica.ReplicationsAsync(Giulia)).Value!;
        Assert.Equal(leaderId, fromReplica.Replicates!.Summary.Id);
        Assert.Equal(1, fromReplica.Replicates.MilestonesDone);
        Assert.Equal(50, Assert.Single(fromReplica.Replicates.Indicators).Progress);
        Assert.Equal("cycling-modal-share", Assert.Single(fromReplica.PlannedIndicators).Id);

        // Adopted and measured, the replication compares with the leader on the same indicator.
        Assert.True((await replica.AdoptIndicatorAsync(Giulia, new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(3, new DateOnly(2024, 1, 1)), new IndicatorPoint(8, new DateOnly(2030, 12, 31))))).Ok);
        Assert.True((await replica.AddMeasurementAsync(Giulia, "cycling-modal-share", new MeasurementRequest(4, Today, "Counters", null))).Ok);
        Assert.Empty((await replica.ReplicationsAsync(Giulia)).Value!.PlannedIndicators);
        Assert.Equal(20, Assert.Single(Assert.Single((await leader.ReplicationsAsync(Maria)).Value!.Replications).Indicators).Progress);

        // A leader only lists a pilot that says it replicates it.
        await leader.AcceptReplicationAsync(hidden.GetPrimaryKeyString());
        Assert.Single((await leader.ReplicationsAsync(Maria)).Value!.Replications);
    }

    private async Task<List<NotificationItem>> RemindersAsync(Actor who, string link) =>
        [.. (await fixture.Grains.GetGrain<INotificationGrain>(who.UserId).ListAsync()).Items.Where(n => n.Link == link)];

    private async Task<string> NewLabAsync(Actor owner, LabVisibility visibility)
    {
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        var created = await lab.CreateAsync(owner, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", visibility));
        Assert.True(created.Ok, created.Message);
        return lab.GetPrimaryKeyString();
    }

    private async Task<(ILabGrain Lab, IPilotGrain Pilot)> NewPilotAsync(Actor owner, LabVisibility visibility)
    {
        var labId = await NewLabAsync(owner, visibility);
        var pilot = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var created = await pilot.CreateAsync(owner, new CreatePilotRequest(labId, LabThemes.EnergyAndMobility, "Integrated energy and mobility services", "Challenge", PilotStage.CoCreate));
        Assert.True(created.Ok, created.Message);
        return (fixture.Grains.GetGrain<ILabGrain>(labId), pilot);
    }
}

public sealed class PilotProgressTestsOnEmbedded(EmbeddedManualClockFixture fixture) : PilotProgressTests(fixture), IClassFixture<EmbeddedManualClockFixture>;

public sealed class PilotProgressTestsOnAzure(AzureManualClockFixture fixture) : PilotProgressTests(fixture), IClassFixture<AzureManualClockFixture>;
