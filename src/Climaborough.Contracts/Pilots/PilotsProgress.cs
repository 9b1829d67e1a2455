namespace Climaborough.Contracts;

/// <summary>A link that shows a milestone was reached: an http(s) address, or an app path such as <c>/labs/{id}/files/{fileId}</c> or <c>/boards/{id}</c>.</summary>
public sealed record EvidenceLink(string Title, string Url);

/// <summary>Body of <c>POST /api/pilots/{leaderId}/replications</c>: the follower's lab that will hold the new pilot, and its title (the leader's when empty).</summary>
public sealed record ReplicatePilotRequest(string LabId, string? Title = null);

/// <summary>One indicator's latest value and progress to target in %, as a replication table compares them.</summary>
public sealed record IndicatorProgressView(string IndicatorId, string Name, string Unit, IndicatorPoint? Latest, double? Progress);

/// <summary>A pilot's progress in brief: milestones done of all, and each adopted indicator's progress.</summary>
public sealed record PilotProgressView(PilotSummary Summary, int MilestonesDone, int MilestonesTotal, IReadOnlyList<IndicatorProgressView> Indicators);

/// <summary>
/// A pilot's replication links, for its page: the pilot itself, the leader's pilot it replicates (when the
/// caller may read it), the pilots that replicate it (those the caller may read), and the indicators the
/// replication plan still asks it to adopt.
/// </summary>
public sealed record PilotReplicationsView(
    PilotProgressView Self,
    PilotProgressView? Replicates,
    IReadOnlyList<PilotProgressView> Replications,
    IReadOnlyList<IndicatorDefinition> PlannedIndicators);

/// <summary>Limits of the progress part of a pilot.</summary>
public static class PilotProgressLimits
{
    /// <summary>Evidence links per milestone.</summary>
    public const int MaxEvidence = 10;

    /// <summary>Length of an evidence link's address.</summary>
    public const int MaxUrlLength = 2_000;

    /// <summary>Replications one pilot lists.</summary>
    public const int MaxReplications = 50;

    /// <summary>The owner is reminded this many days before a milestone's due date.</summary>
    public const int ReminderDaysBefore = 7;

    /// <summary>Whether an evidence address is accepted: absolute http(s), or an app path (one leading slash, no scheme, no backslash).</summary>
    public static bool IsEvidenceUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || url.Any(char.IsControl) || url.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        if (url.StartsWith('/'))
        {
            return !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal) && !url.Contains(':', StringComparison.Ordinal);
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
    }
}
