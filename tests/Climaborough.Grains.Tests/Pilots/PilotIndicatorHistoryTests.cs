namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>Measurement corrections with their history, and the hubs' dashboard grains, on each storage backend.</summary>
public abstract class PilotIndicatorHistoryTests(ClusterFixture fixture)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_corrected_measurement_keeps_the_old_version_across_deactivation_and_moves_progress()
    {
        var (lab, pilot) = await NewPilotAsync(LabVisibility.Private);
        await PilotLabs.InviteAsync(lab, Ivan, LabRole.Member);
        await AdoptCyclingAsync(pilot);
        var first = await pilot.AddMeasurementAsync(Maria, "cycling-modal-share", new MeasurementRequest(3, new DateOnly(2025, 6, 1), "Survey 2025", null));
        Assert.True(first.Ok, first.Message);

        var corrected = await pilot.CorrectMeasurementAsync(Ivan, "cycling-modal-share", first.Value!.Id, new MeasurementRequest(4, new DateOnly(2025, 6, 1), "Survey 2025, weighted", "Weighting fixed"));
        Assert.True(corrected.Ok, corrected.Message);
        Assert.Equal(first.Value.Id, corrected.Value!.Id);
        Assert.Equal("Ivan Georgiev", corrected.Value.EnteredBy);

        await fixture.Cluster.DeactivateAsync(pilot);
        var indicator = Assert.Single((await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).ViewAsync(Maria)).Value!.Indicators);
        var measurement = Assert.Single(indicator.Measurements);
        Assert.Equal(4, measurement.Value);
        Assert.Equal("Weighting fixed", measurement.Note);
        var earlier = Assert.Single(measurement.Earlier!);
        Assert.Equal(3, earlier.Value);
        Assert.Equal("Survey 2025", earlier.Source);
        Assert.Equal("Maria Petrova", earlier.EnteredBy);
        Assert.Equal(50, indicator.Progress); // 2 → 4 of 2 → 6
    }

    [Fact]
    public async Task A_bad_correction_names_its_field_and_changes_nothing_and_outsiders_learn_nothing()
    {
        var (lab, pilot) = await NewPilotAsync(LabVisibility.Private);
        await PilotLabs.InviteAsync(lab, Giulia, LabRole.Observer);
        await AdoptCyclingAsync(pilot);
        var id = (await pilot.AddMeasurementAsync(Maria, "cycling-modal-share", new MeasurementRequest(3, new DateOnly(2025, 6, 1), "Survey", null))).Value!.Id;
        var before = (await pilot.ViewAsync(Maria)).Value!.Indicators[0].Measurements;

        var future = await pilot.CorrectMeasurementAsync(Maria, "cycling-modal-share", id, new MeasurementRequest(double.NaN, Today.AddDays(3), " ", null));
        Assert.Equal(ErrorCodes.Invalid, future.Code);
        Assert.Equal(["value", "date", "source"], future.Message!.Split('\n').Select(l => l.Split(':')[0]));
        Assert.StartsWith("measurementId: ", (await pilot.CorrectMeasurementAsync(Maria, "cycling-modal-share", "v999", new MeasurementRequest(3, new DateOnly(2025, 1, 1), "S", null))).Message, StringComparison.Ordinal);
        Assert.StartsWith("indicatorId: ", (await pilot.CorrectMeasurementAsync(Maria, "pm25-annual-mean", id, new MeasurementRequest(3, new DateOnly(2025, 1, 1), "S", null))).Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.CorrectMeasurementAsync(Giulia, "cycling-modal-share", id, new MeasurementRequest(5, new DateOnly(2025, 1, 1), "S", null))).Code);
        var stranger = await pilot.CorrectMeasurementAsync(Olga, "cycling-modal-share", id, new MeasurementRequest(5, new DateOnly(2025, 1, 1), "S", null));
        var missing = await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).CorrectMeasurementAsync(Olga, "cycling-modal-share", id, new MeasurementRequest(5, new DateOnly(2025, 1, 1), "S", null));
        Assert.Equal(ErrorCodes.NotFound, stranger.Code);
        Assert.Equal(missing.Code, stranger.Code);

        var after = (await pilot.ViewAsync(Maria)).Value!.Indicators[0].Measurements;
        Assert.Equal(before.Select(m => (m.Value, m.Source)), after.Select(m => (m.Value, m.Source)));
        Assert.Null(Assert.Single(after).Earlier);
    }

    [Fact]
    public async Task The_hubs_dashboard_shows_a_pilots_progress_and_its_late_milestones_by_title()
    {
        var (_, pilot) = await NewPilotAsync(LabVisibility.Network);
        await AdoptCyclingAsync(pilot);
        await pilot.AddMeasurementAsync(Maria, "cycling-modal-share", new MeasurementRequest(5, new DateOnly(2025, 6, 1), "Survey", null));
        await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Bike lanes opened", Today.AddDays(-5), "Elena", MilestoneStatus.InProgress));
        await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Survey done", Today.AddDays(-9), "Ivan", MilestoneStatus.Done));

        var dashboard = fixture.Grains.GetGrain<IPilotDashboardGrain>(LabThemes.EnergyAndMobility);
        await fixture.Cluster.DeactivateAsync(dashboard);
        var entry = Assert.Single(await dashboard.ListAsync(), p => p.Summary.Id == pilot.GetPrimaryKeyString());

        Assert.Equal(PilotStatus.Late, entry.Summary.Status);
        Assert.Equal("Bike lanes opened", Assert.Single(entry.LateMilestones).Title);
        var indicator = Assert.Single(entry.Indicators);
        Assert.Equal(75, indicator.Progress); // 2 → 5 of 2 → 6
        Assert.Equal(new IndicatorPoint(5, new DateOnly(2025, 6, 1)), indicator.Latest);
    }

    private static async Task AdoptCyclingAsync(IPilotGrain pilot)
    {
        var adopted = await pilot.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 12, 31))));
        Assert.True(adopted.Ok, adopted.Message);
    }

    private async Task<(ILabGrain Lab, IPilotGrain Pilot)> NewPilotAsync(LabVisibility visibility)
    {
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", visibility))).Ok);
        var pilot = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var created = await pilot.CreateAsync(Maria, new CreatePilotRequest(lab.GetPrimaryKeyString(), LabThemes.EnergyAndMobility, "Pilot", "Challenge", PilotStage.CoCreate));
        Assert.True(created.Ok, created.Message);
        return (lab, pilot);
    }
}

public sealed class PilotIndicatorHistoryTestsOnEmbedded(EmbeddedClusterFixture fixture) : PilotIndicatorHistoryTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class PilotIndicatorHistoryTestsOnAzure(AzureClusterFixture fixture) : PilotIndicatorHistoryTests(fixture), IClassFixture<AzureClusterFixture>;
