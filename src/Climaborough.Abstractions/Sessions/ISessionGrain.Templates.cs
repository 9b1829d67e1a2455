namespace Climaborough.Abstractions.Sessions;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>Saving a workshop as a template for the network (issue 13, part 10).</summary>
public partial interface ISessionGrain
{
    /// <summary>
    /// Saves the workshop's agenda and its board's layout (frames, their titles, and the notes and texts inside them as
    /// the moderator may read them, without private notes) as a template of the network (moderators of the lab).
    /// </summary>
    Task<Outcome<WorkshopTemplateView>> SaveAsTemplateAsync(Actor actor, string labId, SaveTemplateRequest request);
}
