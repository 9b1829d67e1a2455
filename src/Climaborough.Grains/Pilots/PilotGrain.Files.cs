namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>Files attached to the pilot and to its milestones (see <see cref="Abstractions.Pilots.IPilotGrain.SetAttachmentsAsync"/>).</summary>
public sealed partial class PilotGrain
{
    public async Task<Outcome<PilotView>> SetAttachmentsAsync(Actor actor, IReadOnlyList<string> fileIds)
    {
        var (refused, access, manage) = await CheckAsync(actor, Need.Contribute);
        if (refused is not null)
        {
            return refused;
        }

        var (attached, problem) = await Attachments.KeptOrResolvedAsync(GrainFactory, S.LabId, S.Attachments, fileIds);
        if (problem is not null)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (!SameFiles(attached!, S.Attachments))
        {
            S.Attachments = [.. attached!];
            await SaveAsync(time.GetUtcNow());
        }

        return new(View(access, manage));
    }

    public async Task<Outcome<MilestoneView>> SetMilestoneAttachmentsAsync(Actor actor, string milestoneId, IReadOnlyList<string> fileIds)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        if (S.Milestones.Find(m => m.Id == milestoneId) is not { } milestone)
        {
            return new Refusal(ErrorCodes.Invalid, "milestoneId: there is no such milestone in this pilot.");
        }

        var kept = S.MilestoneAttachments.GetValueOrDefault(milestone.Id) ?? [];
        var (attached, problem) = await Attachments.KeptOrResolvedAsync(GrainFactory, S.LabId, kept, fileIds);
        if (problem is not null)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (!SameFiles(attached!, kept))
        {
            if (attached!.Count == 0)
            {
                S.MilestoneAttachments.Remove(milestone.Id);
            }
            else
            {
                S.MilestoneAttachments[milestone.Id] = [.. attached!];
            }

            await SaveAsync(time.GetUtcNow());
        }

        return new(ToView(milestone));
    }

    private static bool SameFiles(IReadOnlyList<StoredAttachment> a, IReadOnlyList<StoredAttachment> b) =>
        a.Select(f => f.FileId).SequenceEqual(b.Select(f => f.FileId), StringComparer.Ordinal);

    private IReadOnlyList<FileAttachment> AttachmentsOf(string milestoneId) =>
        S.MilestoneAttachments.TryGetValue(milestoneId, out var files) ? [.. files.Select(f => f.ToView())] : [];
}
