namespace Climaborough.Server.Demo;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>
/// Development only: one replication (issue 14). Giulia, of Torino, replicates Sofia's energy and mobility pilot in a
/// lab of her own (Torino as a follower of that hub is illustrative), adopts one of its indicators with her own
/// baseline and target and enters one measurement, so that the leader's page shows both side by side. The numbers are
/// illustrative. Runs after <see cref="DemoPilots"/> and finds the leader's pilot through Sofia's pilot index.
/// </summary>
public static class DemoReplication
{
    /// <summary>Makes the replication, if Giulia and Sofia's energy and mobility pilot exist.</summary>
    public static async Task SeedAsync(IGrainFactory grains, IReadOnlyDictionary<string, Actor> people, ILogger logger)
    {
        var leader = (await grains.GetGrain<IPilotIndexGrain>(PilotIndexKeys.City("sofia")).ListAsync()).FirstOrDefault(p => p.HubId == LabThemes.EnergyAndMobility);
        if (leader is null || !people.TryGetValue("giulia", out var giulia))
        {
            return;
        }

        var labId = LabIds.New();
        var lab = await grains.GetGrain<ILabGrain>(labId).CreateAsync(giulia, new CreateLabRequest(
            "Torino replicates Sofia's mobility hubs",
            LabThemes.EnergyAndMobility,
            "Solar-powered mobility hubs at metro stations, tried in Torino after Sofia's pilot. Illustrative demo data.",
            LabVisibility.Network));
        if (!lab.Ok)
        {
            logger.LogWarning("Demo replication lab refused: {Reason}", lab.Message);
            return;
        }

        var replica = grains.GetGrain<IPilotGrain>(PilotIds.New());
        var made = await replica.ReplicateAsync(giulia, leader.Id, new ReplicatePilotRequest(labId, "Solar mobility hubs for Torino"));
        if (!made.Ok)
        {
            logger.LogWarning("Demo replication refused: {Reason}", made.Message);
            return;
        }

        var first = made.Value!.Milestones.Count > 0 ? made.Value.Milestones[0] : null;
        if (first is not null)
        {
            await replica.UpdateMilestoneAsync(giulia, first.Id, new MilestoneRequest(first.Title, first.Due, first.Owner, MilestoneStatus.Done, first.OwnerId));
        }

        await replica.AdoptIndicatorAsync(giulia, new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(3, new DateOnly(2024, 1, 1)), new IndicatorPoint(7, new DateOnly(2030, 12, 31))));
        await replica.AddMeasurementAsync(giulia, "cycling-modal-share", new MeasurementRequest(3.6, new DateOnly(2025, 9, 30), "Torino bicycle counters 2025", "Illustrative figure"));
        logger.LogInformation("Demo replication: {Replica} (Torino) replicates {Leader} (Sofia)", replica.GetPrimaryKeyString(), leader.Id);
    }
}
