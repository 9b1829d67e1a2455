namespace Climaborough.Contracts;

/// <summary>The notifications' part of <see cref="ILiveHub"/>: a signed-in person's own notifications.</summary>
public interface INotificationsHub
{
    /// <summary>Receives the caller's own notifications live (signed in); answers the current ones.</summary>
    Task<NotificationList> WatchNotifications();
}

/// <summary>The notifications' part of <see cref="ILiveClient"/>.</summary>
public interface INotificationsClient
{
    /// <summary>A new notification for the caller, with the unread count.</summary>
    Task Notified(NotificationItem notification, int unread);
}
