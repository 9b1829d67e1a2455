namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>Files attached to a pilot and to its milestones (issue 16): files of the pilot's own lab, read as its other files are.</summary>
public partial interface IPilotGrain
{
    /// <summary>
    /// Replaces the pilot's attachments with <paramref name="fileIds"/> (those who may add to the pilot: its lab's
    /// contributors and its managers). Kept ones stay as attached; new ones must be files of the pilot's lab.
    /// </summary>
    Task<Outcome<PilotView>> SetAttachmentsAsync(Actor actor, IReadOnlyList<string> fileIds);

    /// <summary>Replaces a milestone's attachments (its evidence files), with the same rules as <see cref="SetAttachmentsAsync"/>.</summary>
    Task<Outcome<MilestoneView>> SetMilestoneAttachmentsAsync(Actor actor, string milestoneId, IReadOnlyList<string> fileIds);
}

/// <summary>Stored state of a pilot: its files (ids 100-109).</summary>
public sealed partial class PilotState
{
    /// <summary>Files of the pilot's lab attached to the pilot, in the order attached.</summary>
    [Id(100)] public List<StoredAttachment> Attachments { get; set; } = [];

    /// <summary>Files attached to each milestone, by milestone id.</summary>
    [Id(101)] public Dictionary<string, List<StoredAttachment>> MilestoneAttachments { get; set; } = new(StringComparer.Ordinal);
}
