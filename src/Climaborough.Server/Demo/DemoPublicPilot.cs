namespace Climaborough.Server.Demo;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>
/// Development only: one PUBLIC pilot, so that the public dashboard (<c>/dashboard</c> signed out) and the open
/// data are not empty: Torino, a leader city of waste to circularity, in a public lab Giulia owns. The pilot,
/// its milestones and its figures are illustrative, not the programme's.
/// </summary>
public static class DemoPublicPilot
{
    /// <summary>The public lab's title (tests find the pilot by it).</summary>
    public const string LabTitle = "Torino reuse markets (public)";

    /// <summary>The pilot's title.</summary>
    public const string Title = "Reuse corners in Torino's neighbourhood markets";

    /// <summary>Creates the lab and the pilot.</summary>
    public static async Task SeedAsync(IGrainFactory grains, Actor giulia, TimeProvider time, ILogger logger)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var labId = LabIds.New();
        var created = await grains.GetGrain<ILabGrain>(labId).CreateAsync(giulia, new CreateLabRequest(
            LabTitle,
            LabThemes.WasteToCircularity,
            "Repair and reuse corners in the city's neighbourhood markets, open to everyone. Illustrative demo lab.",
            LabVisibility.Public));
        if (!created.Ok)
        {
            logger.LogWarning("Demo public lab refused: {Reason}", created.Message);
            return;
        }

        var pilot = grains.GetGrain<IPilotGrain>(PilotIds.New());
        await pilot.CreateAsync(giulia, new CreatePilotRequest(
            labId,
            LabThemes.WasteToCircularity,
            Title,
            "Can **repair and reuse corners** in neighbourhood markets keep furniture, textiles and small appliances out of the residual waste? (Illustrative demo pilot.)",
            PilotStage.Deploy));
        await pilot.AddMilestoneAsync(giulia, new MilestoneRequest("Three market corners open", today.AddDays(-60), "Giulia Rossi", MilestoneStatus.Done));
        await pilot.AddMilestoneAsync(giulia, new MilestoneRequest("Ten market corners open", today.AddDays(120), "Giulia Rossi", MilestoneStatus.InProgress));
        await pilot.AdoptIndicatorAsync(giulia, new AdoptIndicatorRequest("waste-diverted-from-landfill", new IndicatorPoint(48, new DateOnly(2024, 12, 31)), new IndicatorPoint(65, new DateOnly(2030, 12, 31))));
        await pilot.AddMeasurementAsync(giulia, "waste-diverted-from-landfill", new MeasurementRequest(50, new DateOnly(2025, 6, 30), "Market corner weighing, first half of 2025", "Illustrative figure"));
        await pilot.AddMeasurementAsync(giulia, "waste-diverted-from-landfill", new MeasurementRequest(53, new DateOnly(2025, 12, 31), "Market corner weighing, second half of 2025", "Illustrative figure"));
        logger.LogInformation("Demo public pilot: {Pilot} in lab {Lab}", pilot.GetPrimaryKeyString(), labId);
    }
}
