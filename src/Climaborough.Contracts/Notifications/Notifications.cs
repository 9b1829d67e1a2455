namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>What a notification is about.</summary>
[JsonConverter(typeof(StrictEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    /// <summary>Someone wrote <c>@you</c>.</summary>
    Mention,

    /// <summary>A new post in a thread you follow.</summary>
    Reply,

    /// <summary>A milestone you own is due within a week (issue 14; values 80-89 are the pilots').</summary>
    MilestoneDueSoon = 80,

    /// <summary>A milestone you own is past its due date and not done.</summary>
    MilestoneOverdue = 81,
}

/// <summary>An in-app notification; <see cref="Link"/> is the app path to open.</summary>
public sealed record NotificationItem(string Id, NotificationKind Kind, string ActorName, string Title, string Excerpt, string Link, DateTimeOffset At, bool Read);

/// <summary>The caller's notifications, newest first, and how many are unread.</summary>
public sealed record NotificationList(IReadOnlyList<NotificationItem> Items, int Unread);
