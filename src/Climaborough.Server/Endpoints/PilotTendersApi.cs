namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>A pilot's tenders (procurement of innovation) over REST; the pilot grain decides every access with its lab's rule.</summary>
public static class PilotTendersApi
{
    /// <summary>Maps <c>/api/pilots/{pilotId}/tenders</c>.</summary>
    public static IEndpointRouteBuilder MapPilotTendersApi(this IEndpointRouteBuilder app)
    {
        var tenders = app.MapGroup("/api/pilots/{pilotId}/tenders").WithTags("Pilots");
        tenders.MapGet("/", ListAsync).AllowAnonymous().WithName("ListTenders").WithSummary("A pilot's tenders with lots, budgets in euro, status, dates and awarded companies (readers of its lab; 404 otherwise).");
        tenders.MapPost("/", AddAsync).RequireAuthorization().WithName("AddTender").WithSummary("Adds a tender to a pilot (managers); a refusal names each field.");
        tenders.MapPut("/{tenderId}", UpdateAsync).RequireAuthorization().WithName("UpdateTender").WithSummary("Changes a tender, e.g. publishes or awards it (managers); a refusal names each field.");
        return app;
    }

    private static IResult NotFound(string? pilotId) => Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no pilot '{pilotId}'."));

    private static async Task<IResult> ListAsync(string pilotId, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).TendersAsync(caller.Actor)) : NotFound(pilotId);

    private static async Task<IResult> AddAsync(string pilotId, TenderRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!PilotIds.IsValid(pilotId))
        {
            return NotFound(pilotId);
        }

        var outcome = await grains.GetGrain<IPilotGrain>(pilotId).AddTenderAsync(caller.Required, request);
        return Problems.Created($"/api/pilots/{pilotId}/tenders#{outcome.Value?.Id}", outcome);
    }

    private static async Task<IResult> UpdateAsync(string pilotId, string tenderId, TenderRequest request, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) && tenderId.Length <= 20
            ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).UpdateTenderAsync(caller.Required, tenderId, request))
            : NotFound(pilotId);
}
