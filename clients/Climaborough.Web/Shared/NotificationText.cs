namespace Climaborough.Web.Shared;

using System.Globalization;
using Climaborough.Contracts;
using Microsoft.Extensions.Localization;

/// <summary>How a notification reads and where it leads, for the bell's panel and the start page.</summary>
public static class NotificationText
{
    /// <summary>"Maria Petrova replied in “Bike lanes”", in the current language.</summary>
    public static string Describe(IStringLocalizer localizer, NotificationItem item)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(item);
        return string.Format(CultureInfo.CurrentCulture, localizer["Notification" + item.Kind], item.ActorName, item.Title);
    }

    /// <summary>
    /// A notification's link made relative, so it follows the app's base address; anything that is not a plain
    /// app path ("/labs/…") leads nowhere.
    /// </summary>
    public static string AppPath(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.StartsWith("//", StringComparison.Ordinal) || link.Contains('\\', StringComparison.Ordinal) || link.Contains(':', StringComparison.Ordinal) ? "#"
            : link.StartsWith('/') ? link[1..]
            : link;
    }
}
