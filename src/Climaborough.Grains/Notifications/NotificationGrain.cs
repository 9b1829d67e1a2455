namespace Climaborough.Grains.Notifications;

using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Notifications;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>See <see cref="INotificationGrain"/>.</summary>
public sealed class NotificationGrain(
    [PersistentState("notifications")] IPersistentState<NotificationState> state,
    IEnumerable<INotificationChannel> channels,
    TimeProvider time,
    ILogger<NotificationGrain> logger) : TopicGrain(logger), INotificationGrain
{
    /// <summary>Notifications kept per person.</summary>
    public const int Kept = 100;

    private List<StoredNotification> Items => state.State.Items;

    public async Task NotifyAsync(NotificationKind kind, string actorName, string title, string excerpt, string link)
    {
        var stored = new StoredNotification("n" + Guid.NewGuid().ToString("N")[..12], kind, actorName, title, excerpt, link, time.GetUtcNow(), false);
        Items.Add(stored);
        if (Items.Count > Kept)
        {
            Items.RemoveRange(0, Items.Count - Kept);
        }

        await state.WriteStateAsync();
        var item = ToItem(stored);
        Watchers.Publish(new Notified(TopicNames.User(this.GetPrimaryKeyString()), item, Unread()));
        foreach (var channel in channels)
        {
            try
            {
                await channel.DeliverAsync(this.GetPrimaryKeyString(), item, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Notification channel {Channel} failed", channel.GetType().Name);
            }
        }
    }

    public Task<NotificationList> ListAsync() => Task.FromResult(List());

    public async Task<NotificationList> MarkReadAsync(IReadOnlyList<string>? ids)
    {
        var changed = false;
        for (var i = 0; i < Items.Count; i++)
        {
            if (!Items[i].Read && (ids is null || ids.Contains(Items[i].Id)))
            {
                Items[i] = Items[i] with { Read = true };
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        return List();
    }

    private NotificationList List() => new([.. Enumerable.Reverse(Items).Select(ToItem)], Unread());

    private int Unread() => Items.Count(n => !n.Read);

    private static NotificationItem ToItem(StoredNotification n) => new(n.Id, n.Kind, n.ActorName, n.Title, n.Excerpt, n.Link, n.At, n.Read);
}
