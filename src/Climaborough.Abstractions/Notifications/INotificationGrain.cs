namespace Climaborough.Abstractions.Notifications;

using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;

/// <summary>
/// One person's in-app notifications (key: account id). Kept here and pushed live to the person's
/// connections; every <see cref="INotificationChannel"/> registered in the node gets them too (the seam
/// for email later).
/// </summary>
[LiveTopic(TopicNames.UserKind)]
public interface INotificationGrain : IGrainWithStringKey, ITopicGrain
{
    /// <summary>Adds a notification (newest 100 kept).</summary>
    Task NotifyAsync(NotificationKind kind, string actorName, string title, string excerpt, string link);

    /// <summary>The notifications, newest first, and the unread count.</summary>
    Task<NotificationList> ListAsync();

    /// <summary>Marks all as read (or the given ones).</summary>
    Task<NotificationList> MarkReadAsync(IReadOnlyList<string>? ids);
}

/// <summary>Another way of delivering notifications (email, push). None is registered yet: in-app only.</summary>
public interface INotificationChannel
{
    /// <summary>Delivers one notification to the account; failures are logged, never block the in-app one.</summary>
    Task DeliverAsync(string userId, NotificationItem notification, CancellationToken cancellationToken);
}

/// <summary>A notification for a watched account.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.notified.v1")]
public sealed record Notified(string Topic, [property: Id(0)] NotificationItem Item, [property: Id(1)] int Unread) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).Notified(Item, Unread);
}

/// <summary>Stored notifications.</summary>
[GenerateSerializer, Alias("climaborough.notifications-state.v1")]
public sealed class NotificationState
{
    /// <summary>Newest last.</summary>
    [Id(0)] public List<StoredNotification> Items { get; set; } = [];
}

/// <summary>A stored notification.</summary>
[GenerateSerializer, Alias("climaborough.notification.v1")]
public sealed record StoredNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] string ActorName,
    [property: Id(3)] string Title,
    [property: Id(4)] string Excerpt,
    [property: Id(5)] string Link,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] bool Read);
