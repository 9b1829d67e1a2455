namespace Climaborough.Server.Tests.Realtime;

using System.Security.Claims;
using Climaborough.Abstractions;
using Climaborough.Contracts;
using Climaborough.Server.Realtime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// The hub's one translation: a refusal raised in a hub method reaches the caller as the coded hub
/// error (<c>code: message</c>, docs/protocol.md), and nothing else escapes uncoded.
/// </summary>
public sealed class CodedErrorsFilterTests
{
    private static Task<HubException> InvokeAsync(Exception thrown)
    {
        var filter = new CodedErrorsFilter(NullLogger<CodedErrorsFilter>.Instance);
        var method = typeof(LiveHub).GetMethod(nameof(LiveHub.WatchLab))!;
        var context = new HubInvocationContext(new Caller(), new EmptyServices(), null!, method, ["l1"]);
        return Assert.ThrowsAsync<HubException>(async () => await filter.InvokeMethodAsync(context, _ => throw thrown));
    }

    [Theory]
    [InlineData(ErrorCodes.NotFound, "not-found: there is no lab 'l1'.")]
    [InlineData(ErrorCodes.NoSuchBoard, "not-found: there is no lab 'l1'.")]
    [InlineData(ErrorCodes.NoSuchVote, "not-found: there is no lab 'l1'.")]
    [InlineData(ErrorCodes.InvalidArgument, "invalid-argument: there is no lab 'l1'.")]
    [InlineData(ErrorCodes.Unauthorized, "unauthorized: there is no lab 'l1'.")]
    public async Task A_refusal_in_a_hub_method_is_the_coded_hub_error(string code, string expected)
    {
        var error = await InvokeAsync(new RefusalException(new Refusal(code, "there is no lab 'l1'.")));

        Assert.Equal(expected, error.Message);
        Assert.True(ErrorCodes.IsHubCoded(error.Message));
    }

    [Fact]
    public async Task A_failure_is_internal_and_does_not_tell_what_failed()
    {
        var error = await InvokeAsync(new InvalidOperationException("the storage account key is wrong"));

        Assert.StartsWith(ErrorCodes.Internal + ": ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("storage account", error.Message, StringComparison.Ordinal);
    }

    private sealed class Caller : HubCallerContext
    {
        public override string ConnectionId => "c1";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => new(new ClaimsIdentity());

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
