namespace Climaborough.Web.Labs;

using Climaborough.Contracts;

/// <summary>
/// How the lab page applies a <c>LabChanged</c>: whether the activity line it carries is all that changed,
/// and where the line goes in the feed (newest first).
/// </summary>
public static class LabFeed
{
    /// <summary>What has to be read again after a change.</summary>
    public enum Reload
    {
        /// <summary>Nothing: only the feed changed (notes added on a board).</summary>
        None,

        /// <summary>The threads' list (a reply changes its thread's count).</summary>
        Threads,

        /// <summary>The lab (members, settings or contents changed, or the change came without a line).</summary>
        Lab,
    }

    /// <summary>What a change with <paramref name="line"/> makes the page read again.</summary>
    public static Reload NeedsAfter(LabActivity? line) => line?.Kind switch
    {
        "added-notes" => Reload.None,
        "replied" => Reload.Threads,
        _ => Reload.Lab,
    };

    /// <summary>
    /// The feed with <paramref name="line"/>: it replaces the newest line when it is that burst's new count
    /// (the lab counts a burst by one person on one target in one line, within 10 minutes), is dropped when
    /// the feed has it already, and otherwise comes first.
    /// </summary>
    public static IReadOnlyList<LabActivity> Apply(IReadOnlyList<LabActivity> feed, LabActivity line)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(line);
        if (feed.Count > 0 && Same(feed[0], line))
        {
            return feed;
        }

        return feed.Count > 0 && SameBurst(feed[0], line)
            ? [line, .. feed.Skip(1)]
            : [line, .. feed.Take(LabLimits.ActivityKept - 1)];
    }

    private static bool Same(LabActivity a, LabActivity b) =>
        a.At == b.At && a.ActorName == b.ActorName && a.Kind == b.Kind && a.Args.SequenceEqual(b.Args);

    private static bool SameBurst(LabActivity newest, LabActivity line) =>
        newest.ActorName == line.ActorName && newest.Kind == line.Kind
        && newest.Args.Count == line.Args.Count && line.Args.Count >= 2 && newest.Args.Skip(1).SequenceEqual(line.Args.Skip(1))
        && line.At >= newest.At && line.At - newest.At < TimeSpan.FromMinutes(10)
        && int.TryParse(newest.Args[0], System.Globalization.CultureInfo.InvariantCulture, out var before)
        && int.TryParse(line.Args[0], System.Globalization.CultureInfo.InvariantCulture, out var after) && after > before;
}
