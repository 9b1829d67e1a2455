namespace Climaborough.Grains.Sessions;

using System.Globalization;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Orleans.Runtime;

/// <summary>See <see cref="IWorkshopTemplatesGrain"/>. One small collection for the network, read whole.</summary>
public sealed class WorkshopTemplatesGrain(
    [PersistentState("workshop-templates")] IPersistentState<WorkshopTemplatesState> state,
    TimeProvider time) : Grain, IWorkshopTemplatesGrain
{
    private WorkshopTemplatesState S => state.State;

    public async Task<Outcome<IReadOnlyList<WorkshopTemplateView>>> ListAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var admin = await IsAdminAsync(actor);
        return new Outcome<IReadOnlyList<WorkshopTemplateView>>([.. S.Templates.AsEnumerable().Reverse().Select(t => View(t, actor, admin))]);
    }

    public async Task<Outcome<WorkshopTemplateView>> AddAsync(Actor actor, string labId, string sessionId, WorkshopTemplateDraft draft)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = LabIds.IsValid(labId) ? await GrainFactory.GetGrain<ILabGrain>(labId).AccessAsync(actor) : LabAccess.None;
        if (access.Refuse(LabAction.Moderate, "There is no such lab.", "Saving a workshop as a template needs the moderator role in its lab.") is { } refused)
        {
            return refused;
        }

        if (WorkshopTemplateRules.Problem(draft) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        var key = string.Join('/', sessionId, actor.UserId, draft.RequestId);
        if (S.Requests.FirstOrDefault(r => r.Key == key) is { } known)
        {
            if (S.Templates.FirstOrDefault(t => t.Id == known.ResultId) is not { } first)
            {
                return Refusal.NotFound("The template saved with this request id was deleted since.");
            }

            return new Outcome<WorkshopTemplateView>(View(first, actor, admin: false));
        }

        if (S.Templates.Count >= WorkshopTemplateLimits.MaxTemplates)
        {
            return new Refusal(ErrorCodes.LimitExceeded, string.Create(CultureInfo.InvariantCulture, $"The network keeps {WorkshopTemplateLimits.MaxTemplates} templates: delete one first."));
        }

        var cityId = access.Summary!.CityId;
        var city = CityIds.IsValid(cityId) ? await GrainFactory.GetGrain<ICityGrain>(cityId).GetAsync() : null;
        var template = new StoredWorkshopTemplate
        {
            Id = WorkshopTemplateIds.New(),
            Name = draft.Name.Trim(),
            Description = draft.Description.Trim(),
            LabId = labId,
            SessionId = sessionId,
            CityId = cityId,
            CityName = city?.Profile.Name ?? cityId,
            AuthorId = actor.UserId,
            AuthorName = actor.Name,
            CreatedAt = time.GetUtcNow(),
            Steps = [.. draft.Steps],
            Frames = [.. draft.Frames],
        };
        RequestIds.Claim(S.Requests, key, template.Id, out _);
        S.Templates.Add(template);
        await state.WriteStateAsync();
        return new(View(template, actor, admin: false));
    }

    public async Task<Outcome<WorkshopTemplateView>> DeleteAsync(Actor actor, string templateId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (S.Templates.FirstOrDefault(t => t.Id == templateId) is not { } template)
        {
            return Refusal.NotFound($"There is no template '{templateId}'.");
        }

        var admin = await IsAdminAsync(actor);
        if (template.AuthorId != actor.UserId && !admin)
        {
            return Refusal.Forbidden("Only the template's author or a platform administrator may delete it.");
        }

        S.Templates.Remove(template);
        await state.WriteStateAsync();
        return new(View(template, actor, admin));
    }

    /// <summary>Whether the account holds the platform role <c>admin</c> now (the account's grain is the record authorization reads).</summary>
    private async Task<bool> IsAdminAsync(Actor actor) =>
        (await GrainFactory.GetGrain<IUserGrain>(actor.UserId).GetAccessAsync()).Roles.Contains(PlatformRoles.Admin);

    private static WorkshopTemplateView View(StoredWorkshopTemplate t, Actor reader, bool admin) =>
        new(t.Id, t.Name, t.Description, t.CityId, t.CityName, t.AuthorName, t.CreatedAt, [.. t.Steps], [.. t.Frames], admin || t.AuthorId == reader.UserId);
}
