namespace Climaborough.Server.Demo;

using Climaborough.Abstractions.Pilots;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// Development only: Sofia's two pilots, as the programme describes her part — leader in the energy and
/// mobility hub (in a lab of its own) and follower in waste to circularity (in "Circular Sofia") — with
/// milestones, catalogue indicators, a few measurements and the leader's tender. The numbers are illustrative. Made with the
/// demo content, so once.
/// </summary>
public static class DemoPilots
{
    /// <summary>Creates the two pilots; <paramref name="circularLabId"/> is the demo's waste lab.</summary>
    public static async Task SeedAsync(IGrainFactory grains, Actor maria, Actor elena, Actor ivan, string circularLabId, TimeProvider time, ILogger logger)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var energyLabId = LabIds.New();
        var energyLab = grains.GetGrain<ILabGrain>(energyLabId);
        await energyLab.CreateAsync(maria, new CreateLabRequest(
            "Integrated energy and mobility in Sofia",
            LabThemes.EnergyAndMobility,
            "Solar roofs, charging hubs and public transport planned together. Слънчеви покриви, зарядни станции и градски транспорт — заедно.",
            LabVisibility.Network));
        foreach (var (person, role) in new[] { (elena, LabRole.Moderator), (ivan, LabRole.Member) })
        {
            var invitation = await energyLab.InviteAsync(maria, person.UserId, null, null, role);
            await energyLab.AcceptAsync(person, invitation.Value!.Id, null);
        }

        var leader = grains.GetGrain<IPilotGrain>(PilotIds.New());
        await leader.CreateAsync(maria, new CreatePilotRequest(
            energyLabId,
            LabThemes.EnergyAndMobility,
            "Integrated energy and mobility services",
            "How can **solar energy from municipal roofs** power shared e-mobility hubs next to metro stations, so that residents of Lyulin and Mladost leave the car at home?",
            PilotStage.Deploy));
        await leader.AddMilestoneAsync(maria, new MilestoneRequest("Co-design workshops with residents", today.AddDays(-120), "Elena Dimitrova", MilestoneStatus.Done));
        await leader.AddMilestoneAsync(maria, new MilestoneRequest("Innovation partnership tender awarded", today.AddDays(-20), "Maria Petrova", MilestoneStatus.InProgress));
        await leader.AddMilestoneAsync(maria, new MilestoneRequest("First two mobility hubs open", today.AddDays(60), "Ivan Georgiev", MilestoneStatus.Planned));
        await leader.AdoptIndicatorAsync(maria, new AdoptIndicatorRequest("renewable-energy-produced", new IndicatorPoint(0, new DateOnly(2024, 1, 1)), new IndicatorPoint(1800, new DateOnly(2028, 12, 31))));
        await leader.AdoptIndicatorAsync(maria, new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(1.5, new DateOnly(2024, 1, 1)), new IndicatorPoint(5, new DateOnly(2030, 12, 31))));
        await leader.AddMeasurementAsync(ivan, "renewable-energy-produced", new MeasurementRequest(320, new DateOnly(2025, 6, 30), "Meter readings, first half of 2025", null));
        await leader.AddMeasurementAsync(ivan, "renewable-energy-produced", new MeasurementRequest(710, new DateOnly(2025, 12, 31), "Meter readings, second half of 2025", null));
        await leader.AddMeasurementAsync(ivan, "cycling-modal-share", new MeasurementRequest(2.1, new DateOnly(2025, 10, 1), "Household travel survey 2025", "Illustrative figure"));
        var tender = await leader.AddTenderAsync(maria, new TenderRequest(
            "Solar-powered e-mobility hubs at metro stations",
            TenderProcedure.InnovationPartnership,
            TenderStatus.Evaluating,
            today.AddDays(-90),
            today.AddDays(-30),
            null,
            [new TenderLot("Rooftop solar and storage for two hubs", 1_200_000m, null), new TenderLot("Shared e-bikes and charging points", 650_000m, null), new TenderLot("Booking and payment app", 180_000m, null)]));
        if (!tender.Ok)
        {
            logger.LogWarning("Demo tender refused: {Reason}", tender.Message);
        }


        var follower = grains.GetGrain<IPilotGrain>(PilotIds.New());
        await follower.CreateAsync(maria, new CreatePilotRequest(
            circularLabId,
            LabThemes.WasteToCircularity,
            "From waste to a circular Sofia",
            "Following the hub's leader cities, Sofia co-designs **separate collection, repair and reuse** in its neighbourhoods.",
            PilotStage.CoCreate));
        await follower.AddMilestoneAsync(maria, new MilestoneRequest("Study visit to a leader city", today.AddDays(10), "Elena Dimitrova", MilestoneStatus.Planned));
        await follower.AddMilestoneAsync(maria, new MilestoneRequest("Neighbourhood collection plan", today.AddDays(90), "Ivan Georgiev", MilestoneStatus.Planned));
        await follower.AdoptIndicatorAsync(maria, new AdoptIndicatorRequest("waste-diverted-from-landfill", new IndicatorPoint(31, new DateOnly(2024, 12, 31)), new IndicatorPoint(55, new DateOnly(2030, 12, 31))));
        await follower.AddMeasurementAsync(ivan, "waste-diverted-from-landfill", new MeasurementRequest(34, new DateOnly(2025, 12, 31), "Municipal waste statistics 2025", "Illustrative figure"));
        await DemoSandbox.SeedAsync(leader, maria, elena);
        logger.LogInformation("Demo pilots: {Leader} (leader, energy and mobility) and {Follower} (follower, waste to circularity)", leader.GetPrimaryKeyString(), follower.GetPrimaryKeyString());
    }
}
