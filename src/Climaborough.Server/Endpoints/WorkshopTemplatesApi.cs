namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Sessions;
using Climaborough.Contracts;

/// <summary>The network's saved workshop templates over REST: the list (anyone signed in) and deleting one (its author or an administrator).</summary>
public static class WorkshopTemplatesApi
{
    /// <summary>Maps <c>/api/workshop-templates</c>.</summary>
    public static IEndpointRouteBuilder MapWorkshopTemplatesApi(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/workshop-templates").WithTags("Workshops");
        templates.MapGet("/", ListAsync).RequireAuthorization().WithName("ListWorkshopTemplates")
            .WithSummary("The workshop templates saved by moderators for the network, newest first (anyone signed in).");
        templates.MapDelete("/{templateId}", DeleteAsync).RequireAuthorization().WithName("DeleteWorkshopTemplate")
            .WithSummary("Deletes a saved workshop template; answers it as it was (its author or a platform administrator).");
        return app;
    }

    private static IWorkshopTemplatesGrain Templates(IGrainFactory grains) => grains.GetGrain<IWorkshopTemplatesGrain>(IWorkshopTemplatesGrain.NetworkKey);

    private static async Task<IResult> ListAsync(CurrentActor caller, IGrainFactory grains) =>
        Problems.Answer(await Templates(grains).ListAsync(caller.Required));

    private static async Task<IResult> DeleteAsync(string templateId, CurrentActor caller, IGrainFactory grains) =>
        WorkshopTemplateIds.IsValid(templateId)
            ? Problems.Answer(await Templates(grains).DeleteAsync(caller.Required, templateId))
            : Problems.For(Refusal.NotFound($"There is no template '{templateId}'."));
}
