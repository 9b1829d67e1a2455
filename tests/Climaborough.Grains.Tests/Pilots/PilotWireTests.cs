namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Pilots;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Testing;
using Orleans.Serialization;

/// <summary>Pilot answers and index entries cross silos in cluster mode: written as <c>object</c>, as a grain response is, they come back whole.</summary>
public sealed class PilotWireTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    [Fact]
    public void A_pilot_outcome_and_an_index_entry_survive_the_wire_between_silos()
    {
        var serializer = fixture.SiloService<Serializer>();
        var summary = new PilotSummary("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Pilot", PilotStage.Monitor, PilotStatus.AtRisk, 0, DateTimeOffset.UnixEpoch);
        var indicator = new PilotIndicatorView(new IndicatorDefinition("pm25-annual-mean", "PM2.5", "µg/m³", IndicatorDirection.LowerIsBetter, "m", "s"), new IndicatorPoint(25, new DateOnly(2024, 1, 1)), new IndicatorPoint(15, new DateOnly(2030, 1, 1)), [], null);
        var outcome = new Outcome<PilotView>(new PilotView(summary, "c", "<p>c</p>", [new MilestoneView("m1", "M", new DateOnly(2026, 1, 1), "o", MilestoneStatus.Planned, true)], [indicator], DateTimeOffset.UnixEpoch, true, false));

        var copy = Assert.IsType<Outcome<PilotView>>(serializer.Deserialize<object>(serializer.SerializeToArray<object>(outcome)));
        Assert.Equal(PilotStage.Monitor, copy.Value!.Summary.Stage);
        Assert.Equal(new DateOnly(2026, 1, 1), copy.Value.Milestones[0].Due);
        Assert.Equal(IndicatorDirection.LowerIsBetter, copy.Value.Indicators[0].Definition.Direction);

        var entry = new PilotIndexEntry("pl1", "l1", "sofia", LabThemes.EnergyAndMobility, "Pilot", PilotStage.Deploy, [new MilestonePlan(new DateOnly(2026, 2, 1), MilestoneStatus.InProgress)], DateTimeOffset.UnixEpoch);
        var entryCopy = Assert.IsType<PilotIndexEntry>(serializer.Deserialize<object>(serializer.SerializeToArray<object>(entry)));
        Assert.Equal(MilestoneStatus.InProgress, Assert.Single(entryCopy.Milestones).Status);
    }
}
