namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using System.Security.Claims;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Pilots;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// Pilots, the indicator catalogue and the ClimHubs over REST. The pilot grain decides every access with
/// its lab's rule; lists read the hub's or city's index and show only pilots whose lab the caller may read.
/// </summary>
public static class PilotsApi
{
    /// <summary>Maps <c>/api/pilots</c>, <c>/api/indicators</c> and <c>/api/hubs</c>.</summary>
    public static IEndpointRouteBuilder MapPilotsApi(this IEndpointRouteBuilder app)
    {
        var hubs = app.MapGroup("/api/hubs").WithTags("Pilots");
        hubs.MapGet("/", () => Results.Ok(ClimHubs.All)).AllowAnonymous().WithName("ListHubs").WithSummary("The two ClimHubs with their leader and follower cities.");
        hubs.MapGet("/{hubId}", (string hubId) => ClimHubs.Find(hubId) is { } hub ? Results.Ok(hub) : Problems.For(Refusal.NotFound("There is no such hub.")))
            .AllowAnonymous().WithName("GetHub").WithSummary("One ClimHub with its cities.");

        app.MapGet("/api/indicators", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IIndicatorCatalogueGrain>(IIndicatorCatalogueGrain.NetworkKey).ListAsync()))
            .AllowAnonymous().WithTags("Pilots").WithName("ListIndicators").WithSummary("The network's indicator catalogue: name, unit, direction, method and source.");

        var pilots = app.MapGroup("/api/pilots").WithTags("Pilots");
        pilots.MapGet("/", ListAsync).AllowAnonymous().WithName("ListPilots").WithSummary("Pilots the caller may read, by hub, city or lab.");
        pilots.MapPost("/", CreateAsync).RequireAuthorization().WithName("CreatePilot").WithSummary("Creates a pilot in a lab (the lab's moderators or a coordinator of its city).");
        pilots.MapGet("/{pilotId}", GetAsync).AllowAnonymous().WithName("GetPilot").WithSummary("A pilot: challenge, stage, milestones, indicators (readers of its lab; 404 otherwise).");
        pilots.MapPut("/{pilotId}/stage", SetStageAsync).RequireAuthorization().WithName("SetPilotStage").WithSummary("Moves a pilot along the five-step method (managers).");
        pilots.MapPut("/{pilotId}/status", SetStatusAsync).RequireAuthorization().WithName("SetPilotStatus").WithSummary("Sets a status in place of the one the milestones give, with a reason, or (status null) goes back to it (managers).");
        pilots.MapPost("/{pilotId}/milestones", AddMilestoneAsync).RequireAuthorization().WithName("AddMilestone").WithSummary("Adds a milestone (members of the pilot's lab).");
        pilots.MapPut("/{pilotId}/milestones/{milestoneId}", UpdateMilestoneAsync).RequireAuthorization().WithName("UpdateMilestone").WithSummary("Changes a milestone (members of the pilot's lab).");
        pilots.MapPut("/{pilotId}/attachments", SetAttachmentsAsync).RequireAuthorization().WithTags("Files").WithName("SetPilotAttachments")
            .WithSummary("Replaces the pilot's attached files with the given files of its lab (members of the pilot's lab and its managers); answers the pilot.");
        pilots.MapPut("/{pilotId}/milestones/{milestoneId}/attachments", SetMilestoneAttachmentsAsync).RequireAuthorization().WithTags("Files").WithName("SetMilestoneAttachments")
            .WithSummary("Replaces a milestone's attached files (its evidence) with the given files of the pilot's lab (members of the pilot's lab and its managers); answers the milestone.");
        pilots.MapPost("/{pilotId}/indicators", AdoptIndicatorAsync).RequireAuthorization().WithName("AdoptIndicator").WithSummary("Adopts a catalogue indicator with baseline and target (managers).");
        pilots.MapPost("/{pilotId}/indicators/{indicatorId}/measurements", AddMeasurementAsync).RequireAuthorization().WithName("AddMeasurement").WithSummary("Adds a measurement (members of the pilot's lab).");
        pilots.MapPost("/{pilotId}/indicators/{indicatorId}/measurements/import", ImportMeasurementsAsync).RequireAuthorization().WithName("ImportMeasurements")
            .Accepts<string>("text/csv", "text/plain").Produces<MeasurementImportView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Imports measurements from a CSV body (members of the pilot's lab): all rows or none; ?dryRun=true answers each row's values or problems and stores nothing.");
        return app;
    }

    private static IResult NotFound(string? pilotId) => Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no pilot '{pilotId}'."));

    private static async Task<IResult> ListAsync(string? hub, string? city, string? lab, CurrentActor caller, IGrainFactory grains)
    {
        if ((hub is not null && ClimHubs.Find(hub) is null) || (city is not null && !CityIds.IsValid(city)) || (lab is not null && !LabIds.IsValid(lab)))
        {
            return Results.Ok(Array.Empty<PilotSummary>());
        }

        string[] keys = city is not null ? [PilotIndexKeys.City(city)] : hub is not null ? [PilotIndexKeys.Hub(hub)] : ClimHubs.All.Select(h => PilotIndexKeys.Hub(h.Id)).ToArray();
        var actor = caller.Actor;
        var readable = new Dictionary<string, bool>(StringComparer.Ordinal);
        var list = new List<PilotSummary>();
        foreach (var key in keys)
        {
            foreach (var pilot in await grains.GetGrain<IPilotIndexGrain>(key).ListAsync())
            {
                if ((hub is not null && pilot.HubId != hub) || (lab is not null && pilot.LabId != lab))
                {
                    continue;
                }

                // One question per lab, not per pilot.
                if (!readable.TryGetValue(pilot.LabId, out var mayRead))
                {
                    readable[pilot.LabId] = mayRead = await grains.GetGrain<ILabGrain>(pilot.LabId).AllowsAsync(actor, LabAction.Read);
                }

                if (mayRead)
                {
                    list.Add(pilot);
                }
            }
        }

        return Results.Ok(list);
    }

    private static async Task<IResult> CreateAsync(CreatePilotRequest request, CurrentActor caller, IGrainFactory grains)
    {
        var id = PilotIds.New();
        var outcome = await grains.GetGrain<IPilotGrain>(id).CreateAsync(caller.Required, request);
        return Problems.Created($"/api/pilots/{id}", outcome);
    }

    private static async Task<IResult> GetAsync(string pilotId, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).ViewAsync(caller.Actor)) : NotFound(pilotId);

    private static async Task<IResult> SetStageAsync(string pilotId, PilotStageRequest request, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) && request is not null ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).SetStageAsync(caller.Required, request.Stage)) : NotFound(pilotId);

    private static async Task<IResult> SetStatusAsync(string pilotId, PilotStatusRequest request, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).SetStatusOverrideAsync(caller.Required, request)) : NotFound(pilotId);

    private static async Task<IResult> AddMilestoneAsync(string pilotId, MilestoneRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!PilotIds.IsValid(pilotId))
        {
            return NotFound(pilotId);
        }

        var outcome = await grains.GetGrain<IPilotGrain>(pilotId).AddMilestoneAsync(caller.Required, request);
        return Problems.Created($"/api/pilots/{pilotId}#{outcome.Value?.Id}", outcome);
    }

    private static async Task<IResult> UpdateMilestoneAsync(string pilotId, string milestoneId, MilestoneRequest request, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) && milestoneId.Length <= 20
            ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).UpdateMilestoneAsync(caller.Required, milestoneId, request))
            : NotFound(pilotId);

    private static async Task<IResult> SetAttachmentsAsync(string pilotId, AttachmentsRequest request, CurrentActor caller, IGrainFactory grains) =>
        !PilotIds.IsValid(pilotId) ? NotFound(pilotId)
        : request?.Attachments is not { } attachments ? NoAttachmentList()
        : Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).SetAttachmentsAsync(caller.Required, attachments));

    private static async Task<IResult> SetMilestoneAttachmentsAsync(string pilotId, string milestoneId, AttachmentsRequest request, CurrentActor caller, IGrainFactory grains) =>
        !PilotIds.IsValid(pilotId) || milestoneId.Length > 20 ? NotFound(pilotId)
        : request?.Attachments is not { } attachments ? NoAttachmentList()
        : Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).SetMilestoneAttachmentsAsync(caller.Required, milestoneId, attachments));

    // A missing list is a mistake, not "remove every file": that takes an empty list, so nothing is lost by a malformed body.
    private static IResult NoAttachmentList() =>
        Problems.For(Refusal.Invalid("attachments: The list of the files to keep is required (an empty list removes them all)."));

    private static async Task<IResult> AdoptIndicatorAsync(string pilotId, AdoptIndicatorRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!PilotIds.IsValid(pilotId))
        {
            return NotFound(pilotId);
        }

        var outcome = await grains.GetGrain<IPilotGrain>(pilotId).AdoptIndicatorAsync(caller.Required, request);
        return Problems.Created($"/api/pilots/{pilotId}#{outcome.Value?.Definition.Id}", outcome);
    }

    private static async Task<IResult> ImportMeasurementsAsync(string pilotId, string indicatorId, bool? dryRun, HttpRequest request, CurrentActor caller, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!PilotIds.IsValid(pilotId) || indicatorId.Length > 64)
        {
            return NotFound(pilotId);
        }

        // Read at most one byte past the limit, so that a larger body is refused without being held whole.
        // The size is refused before the pilot is asked: the same answer for any pilot, so it tells nothing.
        var tooLarge = Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"A CSV import holds at most {PilotLimits.MaxImportBytes / 1024 / 1024} MiB and {PilotLimits.MaxImportRows} rows.");
        if (request.ContentLength > PilotLimits.MaxImportBytes)
        {
            return tooLarge;
        }

        var buffer = new byte[PilotLimits.MaxImportBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > PilotLimits.MaxImportBytes)
        {
            return tooLarge;
        }

        string csv;
        try
        {
            csv = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Problems.For(new Refusal(ErrorCodes.Invalid, "file: a text file in UTF-8."));
        }

        return Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).ImportMeasurementsAsync(caller.Required, indicatorId, csv, dryRun ?? false));
    }

    private static async Task<IResult> AddMeasurementAsync(string pilotId, string indicatorId, MeasurementRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!PilotIds.IsValid(pilotId) || indicatorId.Length > 64)
        {
            return NotFound(pilotId);
        }

        var outcome = await grains.GetGrain<IPilotGrain>(pilotId).AddMeasurementAsync(caller.Required, indicatorId, request);
        return Problems.Created($"/api/pilots/{pilotId}#{outcome.Value?.Id}", outcome);
    }
}
