namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions.Notifications;
using Climaborough.Server.Identity;

/// <summary>The caller's own notifications over REST: <c>/api/me/notifications</c> (signed in; always the caller's).</summary>
public static class NotificationsApi
{
    /// <summary>Maps <c>/api/me/notifications</c>.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/notifications").WithTags("Discussions").RequireAuthorization();
        me.MapGet("/", async (CurrentActor caller, IGrainFactory grains) => Results.Ok(await grains.GetGrain<INotificationGrain>(caller.Required.UserId).ListAsync()))
            .WithName("ListNotifications").WithSummary("The caller's notifications, newest first, with the unread count.");
        me.MapPost("/read", async (ReadRequest? request, CurrentActor caller, IGrainFactory grains) =>
                request?.Ids is { Count: > 100 } ? Problems.Invalid("ids", "At most 100 ids.")
                : Results.Ok(await grains.GetGrain<INotificationGrain>(caller.Required.UserId).MarkReadAsync(request?.Ids)))
            .WithName("MarkNotificationsRead").WithSummary("Marks the given notifications read (all without ids).");
        return app;
    }

    /// <summary>Body of <c>POST /api/me/notifications/read</c>.</summary>
    public sealed record ReadRequest(IReadOnlyList<string>? Ids);
}
