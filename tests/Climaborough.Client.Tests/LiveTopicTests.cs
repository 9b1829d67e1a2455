namespace Climaborough.Client.Tests;

using Climaborough.Contracts;

/// <summary>Which losses of access end a watch, and how a refusal's code is read from the hub's error.</summary>
public sealed class LiveTopicTests
{
    [Fact]
    public void A_thread_watch_ends_with_its_thread_or_its_lab_and_not_with_another()
    {
        var thread = LiveTopics.Thread("l1", "t1");
        Assert.True(thread.EndsWith("thread", "t1"));
        Assert.True(thread.EndsWith("lab", "l1"));
        Assert.False(thread.EndsWith("lab", "l2"));
        Assert.False(thread.EndsWith("thread", "t2"));
        Assert.False(thread.EndsWith("session", "t1"));
    }

    [Fact]
    public void The_notifications_watch_ends_with_the_suspension_of_whoever_is_signed_in()
    {
        Assert.True(LiveTopics.Notifications().EndsWith("user", "u-42"));
        Assert.False(LiveTopics.Notifications().EndsWith("lab", "u-42"));
    }

    [Theory]
    [InlineData("An unexpected error occurred invoking 'WatchLab' on the server. HubException: not-found: there is no lab 'x'.", ErrorCodes.NotFound, "there is no lab 'x'.")]
    [InlineData("invalid-argument: a lab id is 1 to 64 characters.", ErrorCodes.InvalidArgument, "a lab id is 1 to 64 characters.")]
    [InlineData("Failed to invoke 'WatchNotifications' because user is unauthorized", ErrorCodes.Unauthorized, "Failed to invoke 'WatchNotifications' because user is unauthorized")]
    [InlineData("Something broke.", ErrorCodes.Internal, "Something broke.")]
    public void A_refusal_carries_the_code_of_the_hub_error(string message, string code, string text)
    {
        var refusal = WatchRefusal.From(new Microsoft.AspNetCore.SignalR.HubException(message));
        Assert.Equal(code, refusal.Code);
        Assert.Equal(text, refusal.Message);
    }
}
