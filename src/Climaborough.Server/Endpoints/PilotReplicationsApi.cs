namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>Replication of pilots over REST; the pilot grains decide every access with their labs' rules.</summary>
public static class PilotReplicationsApi
{
    /// <summary>Maps <c>/api/pilots/{pilotId}/replications</c>.</summary>
    public static IEndpointRouteBuilder MapPilotReplicationsApi(this IEndpointRouteBuilder app)
    {
        var replications = app.MapGroup("/api/pilots/{pilotId}/replications").WithTags("Pilots");
        replications.MapGet("/", ListAsync).AllowAnonymous().WithName("ListReplications")
            .WithSummary("A pilot's progress beside the leader's pilot it replicates and the pilots that replicate it, each shown only to its own readers (readers of the pilot; 404 otherwise).");
        replications.MapPost("/", ReplicateAsync).RequireAuthorization().WithName("ReplicatePilot")
            .WithSummary("Creates a pilot in another city's lab that replicates this one: its milestone plan and indicators to adopt, linked both ways (readers of this pilot who may create a pilot in that lab).");
        return app;
    }

    private static IResult NotFound(string? pilotId) => Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no pilot '{pilotId}'."));

    private static async Task<IResult> ListAsync(string pilotId, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).ReplicationsAsync(caller.Actor)) : NotFound(pilotId);

    private static async Task<IResult> ReplicateAsync(string pilotId, ReplicatePilotRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!PilotIds.IsValid(pilotId))
        {
            return NotFound(pilotId);
        }

        var id = PilotIds.New();
        var outcome = await grains.GetGrain<IPilotGrain>(id).ReplicateAsync(caller.Required, pilotId, request);
        return Problems.Created($"/api/pilots/{id}", outcome);
    }
}
