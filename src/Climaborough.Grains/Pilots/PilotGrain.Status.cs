namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>A manager's status override with a reason, and the dates the pilot entered each stage.</summary>
public sealed partial class PilotGrain
{
    public async Task<Outcome<PilotView>> SetStatusOverrideAsync(Actor actor, PilotStatusRequest request)
    {
        var (refused, access, _) = await CheckAsync(actor, Need.Manage);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new List<string>();
        if (request?.Status is { } status && !Enum.IsDefined(status))
        {
            errors.Add($"status: one of {string.Join(", ", Enum.GetNames<PilotStatus>())}, or none to go back to the status the milestones give.");
        }

        if (request?.Status is not null)
        {
            CheckText(errors, "reason", request.Reason, PilotStatusLimits.MaxReasonLength, required: true, multiline: true);
        }

        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var wanted = request?.Status is { } set ? new StoredStatusOverride(set, request.Reason!.Trim(), actor.UserId, actor.Name, now) : null;
        if (wanted is not null || S.StatusOverride is not null)
        {
            S.StatusOverride = wanted;
            await SaveAsync(now);
        }

        return new(View(access, manage: true));
    }

    private PilotStatusOverrideView? StatusOverrideView() =>
        S.StatusOverride is { } o ? new PilotStatusOverrideView(o.Status, o.Reason, o.ByName, o.At) : null;

    private List<PilotStageDate> StageDates() =>
        [.. S.StageHistory.OrderBy(s => s.Key).Select(s => new PilotStageDate(s.Key, s.Value))];
}
