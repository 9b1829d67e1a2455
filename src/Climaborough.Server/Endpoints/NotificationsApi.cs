namespace Climaborough.Server.Endpoints;

using System.Security.Claims;
using Climaborough.Abstractions.Notifications;
using Climaborough.Server.Identity;

/// <summary>The caller's own notifications over REST: <c>/api/me/notifications</c> (signed in; always the caller's).</summary>
public static class NotificationsApi
{
    /// <summary>Maps <c>/api/me/notifications</c>.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/notifications").WithTags("Discussions").RequireAuthorization();
        me.MapGet("/", async (ClaimsPrincipal user, IGrainFactory grains) => Results.Ok(await grains.GetGrain<INotificationGrain>(CurrentUser.Id(user)!).ListAsync()))
            .WithName("ListNotifications").WithSummary("The caller's notifications, newest first, with the unread count.");
        me.MapPost("/read", async (ReadRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
                request?.Ids is { Count: > 100 } ? Results.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = ["At most 100 ids."] })
                : Results.Ok(await grains.GetGrain<INotificationGrain>(CurrentUser.Id(user)!).MarkReadAsync(request?.Ids)))
            .WithName("MarkNotificationsRead").WithSummary("Marks the given notifications read (all without ids).");
        return app;
    }

    /// <summary>Body of <c>POST /api/me/notifications/read</c>.</summary>
    public sealed record ReadRequest(IReadOnlyList<string>? Ids);
}
