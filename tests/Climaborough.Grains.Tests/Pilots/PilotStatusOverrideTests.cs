namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>A manager sets a pilot's status by hand with a reason (and goes back to the derived one); the dates each stage was entered. Run on each storage backend.</summary>
public abstract class PilotStatusOverrideTests(ClusterFixture fixture)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_manager_overrides_the_status_with_a_reason_kept_across_deactivation_in_lists_and_on_the_dashboard_and_clears_it()
    {
        var (lab, pilot) = await PilotLabs.NewPilotAsync(fixture.Grains);
        await PilotLabs.InviteAsync(lab, Giulia, LabRole.Observer);
        Assert.True((await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Tender awarded", Today.AddDays(-3), "Maria", MilestoneStatus.InProgress))).Ok);
        Assert.Equal(PilotStatus.Late, (await pilot.ViewAsync(Maria)).Value!.Summary.Status);

        var set = await pilot.SetStatusOverrideAsync(Maria, new PilotStatusRequest(PilotStatus.OnTrack, "  The award was signed; the register is updated next week.  "));
        Assert.True(set.Ok, set.Message);

        await fixture.Cluster.DeactivateAsync(pilot);
        var seen = (await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).ViewAsync(Giulia)).Value!;
        Assert.Equal(PilotStatus.OnTrack, seen.Summary.Status);
        Assert.Equal(PilotStatus.Late, seen.DerivedStatus);
        Assert.Equal(1, seen.Summary.LateMilestones); // the milestone is still late: only the pilot's status is overridden
        var o = seen.StatusOverride!;
        Assert.Equal((PilotStatus.OnTrack, "The award was signed; the register is updated next week.", "Maria Petrova"), (o.Status, o.Reason, o.By));
        Assert.InRange(o.At, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.False(seen.YouMayManage);

        var listed = Assert.Single(await fixture.Grains.GetGrain<IPilotIndexGrain>(PilotIndexKeys.City("sofia")).ListAsync(), p => p.Id == pilot.GetPrimaryKeyString());
        Assert.Equal(PilotStatus.OnTrack, listed.Status);
        var onDashboard = Assert.Single(await fixture.Grains.GetGrain<IPilotDashboardGrain>(LabThemes.EnergyAndMobility).ListAsync(), p => p.Summary.Id == pilot.GetPrimaryKeyString());
        Assert.Equal(PilotStatus.OnTrack, onDashboard.Summary.Status);

        var cleared = await pilot.SetStatusOverrideAsync(Maria, new PilotStatusRequest(null, "ignored"));
        Assert.True(cleared.Ok, cleared.Message);
        Assert.Null(cleared.Value!.StatusOverride);
        Assert.Equal(PilotStatus.Late, cleared.Value.Summary.Status);
        Assert.Equal(PilotStatus.Late, Assert.Single(await fixture.Grains.GetGrain<IPilotIndexGrain>(PilotIndexKeys.City("sofia")).ListAsync(), p => p.Id == pilot.GetPrimaryKeyString()).Status);
    }

    [Fact]
    public async Task An_override_without_a_reason_or_with_a_bad_one_is_refused_and_changes_nothing()
    {
        var (_, pilot) = await PilotLabs.NewPilotAsync(fixture.Grains);
        Assert.True((await pilot.SetStatusOverrideAsync(Maria, new PilotStatusRequest(PilotStatus.AtRisk, "Supplier delays"))).Ok);

        foreach (var bad in new[] { null, " ", new string('x', PilotStatusLimits.MaxReasonLength + 1), "bell\u0007" })
        {
            var refused = await pilot.SetStatusOverrideAsync(Maria, new PilotStatusRequest(PilotStatus.Done, bad));
            Assert.Equal(ErrorCodes.Invalid, refused.Code);
            Assert.StartsWith("reason: ", refused.Message, StringComparison.Ordinal);
        }

        // An unknown status never reaches the grain: the JSON reader refuses it (PilotStatusApiTests).
        await fixture.Cluster.DeactivateAsync(pilot);
        var after = (await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).ViewAsync(Maria)).Value!;
        Assert.Equal((PilotStatus.AtRisk, "Supplier delays"), (after.StatusOverride!.Status, after.StatusOverride.Reason));
        Assert.Equal(PilotStatus.AtRisk, after.Summary.Status);
    }

    [Fact]
    public async Task Only_managers_override_members_are_forbidden_and_strangers_are_told_there_is_no_pilot()
    {
        var (lab, pilot) = await PilotLabs.NewPilotAsync(fixture.Grains);
        await PilotLabs.InviteAsync(lab, Ivan, LabRole.Member);
        await PilotLabs.InviteAsync(lab, Elena, LabRole.Moderator);
        var missing = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var request = new PilotStatusRequest(PilotStatus.AtRisk, "Budget not approved yet");

        Assert.Equal(ErrorCodes.Forbidden, (await pilot.SetStatusOverrideAsync(Ivan, request)).Code);
        var stranger = await pilot.SetStatusOverrideAsync(Olga, request);
        var nothing = await missing.SetStatusOverrideAsync(Olga, request);
        Assert.Equal(ErrorCodes.NotFound, stranger.Code);
        Assert.Equal(nothing.Message!.Replace(missing.GetPrimaryKeyString(), "ID", StringComparison.Ordinal), stranger.Message!.Replace(pilot.GetPrimaryKeyString(), "ID", StringComparison.Ordinal));
        Assert.Null((await pilot.ViewAsync(Maria)).Value!.StatusOverride);

        var byModerator = await pilot.SetStatusOverrideAsync(Elena, request);
        Assert.True(byModerator.Ok, byModerator.Message);
        Assert.Equal("Elena Dimitrova", byModerator.Value!.StatusOverride!.By);
    }

    [Fact]
    public async Task The_page_gives_the_date_each_stage_was_entered()
    {
        var (_, pilot) = await PilotLabs.NewPilotAsync(fixture.Grains);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.True((await pilot.SetStageAsync(Maria, PilotStage.Deploy)).Ok);

        await fixture.Cluster.DeactivateAsync(pilot);
        var dates = (await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).ViewAsync(Maria)).Value!.StageDates!;
        Assert.Equal([PilotStage.Procure, PilotStage.Deploy], dates.Select(d => d.Stage));
        Assert.All(dates, d => Assert.True(d.Entered >= before));
        Assert.True(dates[1].Entered >= dates[0].Entered);
    }
}

public sealed class PilotStatusOverrideTestsOnEmbedded(EmbeddedClusterFixture fixture) : PilotStatusOverrideTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class PilotStatusOverrideTestsOnAzure(AzureClusterFixture fixture) : PilotStatusOverrideTests(fixture), IClassFixture<AzureClusterFixture>;
