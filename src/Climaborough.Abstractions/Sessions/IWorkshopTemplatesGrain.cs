namespace Climaborough.Abstractions.Sessions;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// The network's saved workshop templates (one grain, key <see cref="NetworkKey"/>; issue 13, part 10). A moderator saves
/// a workshop's agenda and board layout through <see cref="ISessionGrain.SaveAsTemplateAsync"/>; the template is then
/// offered to every signed-in person preparing a workshop, in any lab. Saving asks the source lab for the moderator
/// role itself; deleting is for the template's author and platform administrators (read from the account's grain).
/// </summary>
public interface IWorkshopTemplatesGrain : IGrainWithStringKey
{
    /// <summary>The one collection of the network.</summary>
    public const string NetworkKey = "network";

    /// <summary>Every saved template, newest first (anyone signed in).</summary>
    Task<Outcome<IReadOnlyList<WorkshopTemplateView>>> ListAsync(Actor actor);

    /// <summary>
    /// Keeps <paramref name="draft"/> as a template of <paramref name="labId"/>'s city (moderators of that lab); the same
    /// person, session and request id again answer the template saved first.
    /// </summary>
    Task<Outcome<WorkshopTemplateView>> AddAsync(Actor actor, string labId, string sessionId, WorkshopTemplateDraft draft);

    /// <summary>Deletes a template (its author, or a platform administrator); answers it as it was.</summary>
    Task<Outcome<WorkshopTemplateView>> DeleteAsync(Actor actor, string templateId);
}

/// <summary>What a session hands over to be kept as a template: the request's fields, its agenda and its board's layout.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.workshop-template-draft.v1")]
public sealed record WorkshopTemplateDraft(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<TemplateStepView> Steps,
    [property: Id(4)] IReadOnlyList<TemplateFrameView> Frames);

/// <summary>Stored state of <see cref="IWorkshopTemplatesGrain"/>.</summary>
[GenerateSerializer, Alias("climaborough.workshop-templates-state.v1")]
public sealed class WorkshopTemplatesState
{
    /// <summary>Templates in the order they were saved.</summary>
    [Id(0)] public List<StoredWorkshopTemplate> Templates { get; set; } = [];

    /// <summary>Request ids of saves (key: session, account and request id), the newest <see cref="RequestIds.Kept"/>.</summary>
    [Id(1)] public List<RememberedRequest> Requests { get; set; } = [];
}

/// <summary>A stored template.</summary>
[GenerateSerializer, Alias("climaborough.workshop-template.v1")]
public sealed class StoredWorkshopTemplate
{
    /// <summary>Id (<see cref="WorkshopTemplateIds"/>).</summary>
    [Id(0)] public string Id { get; set; } = string.Empty;

    /// <summary>Name.</summary>
    [Id(1)] public string Name { get; set; } = string.Empty;

    /// <summary>Description (plain text).</summary>
    [Id(2)] public string Description { get; set; } = string.Empty;

    /// <summary>The lab of the workshop it was saved from.</summary>
    [Id(3)] public string LabId { get; set; } = string.Empty;

    /// <summary>The workshop it was saved from.</summary>
    [Id(4)] public string SessionId { get; set; } = string.Empty;

    /// <summary>The lab's city.</summary>
    [Id(5)] public string CityId { get; set; } = string.Empty;

    /// <summary>The city's name when it was saved.</summary>
    [Id(6)] public string CityName { get; set; } = string.Empty;

    /// <summary>The author's account.</summary>
    [Id(7)] public string AuthorId { get; set; } = string.Empty;

    /// <summary>The author's display name.</summary>
    [Id(8)] public string AuthorName { get; set; } = string.Empty;

    /// <summary>When it was saved.</summary>
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The agenda.</summary>
    [Id(10)] public List<TemplateStepView> Steps { get; set; } = [];

    /// <summary>The board layout.</summary>
    [Id(11)] public List<TemplateFrameView> Frames { get; set; } = [];
}

/// <summary>Ids of saved templates.</summary>
public static class WorkshopTemplateIds
{
    /// <summary>A new id: <c>t</c> and 12 hex digits.</summary>
    public static string New() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether an id is well-formed (the same shape as lab ids).</summary>
    public static bool IsValid(string? id) => LabIds.IsValid(id);
}
