namespace Climaborough.Server.Realtime;

using System.Buffers;
using Climaborough.Abstractions;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// A <see cref="Refusal"/> that a hub method raises instead of answering it (a hub has no other way to
/// say "no" to a call that answers a value): <see cref="CodedErrorsFilter"/> makes it the coded hub error.
/// </summary>
public sealed class RefusalException(Refusal refusal) : Exception(refusal?.Message)
{
    /// <summary>The refusal.</summary>
    public Refusal Refusal { get; } = refusal ?? throw new ArgumentNullException(nameof(refusal));
}

/// <summary>
/// The one translation of refusals for the hub. Every failed hub call carries a code from
/// <see cref="ErrorCodes.Hub"/> (docs/protocol.md): a <see cref="RefusalException"/> becomes the hub
/// error <c>code: message</c> (<see cref="ErrorCodes.HubCodeOf"/>); anything else that escapes a hub
/// method is logged and answered <c>internal</c> (bad arguments: <c>invalid-argument</c>), never SignalR's generic error.
/// </summary>
public sealed class CodedErrorsFilter(ILogger<CodedErrorsFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (RefusalException refused)
        {
            throw ToHubException(refused.Refusal);
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or NullReferenceException)
        {
            logger.LogInformation(ex, "Hub method {Method} refused its arguments", invocationContext.HubMethodName);
            throw ToHubException(new Refusal(ErrorCodes.InvalidArgument, $"the arguments of '{invocationContext.HubMethodName}' are not valid."));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed", invocationContext.HubMethodName);
            throw ToHubException(new Refusal(ErrorCodes.Internal, "the server could not do this; nothing was changed. Try again in a moment."));
        }
    }

    /// <summary>The hub error for a refusal: <c>code: message</c>, with the hub's code for the refusal's.</summary>
    public static HubException ToHubException(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new HubException($"{ErrorCodes.HubCodeOf(refusal.Code)}: {refusal.Message}");
    }
}

/// <summary>
/// The JSON hub protocol, except that an invocation whose arguments cannot be bound (a number for a
/// board id, an object for a sequence number, …) becomes a call of <see cref="LiveHub.RefuseArguments"/>,
/// which fails with <c>invalid-argument</c>: SignalR would otherwise answer its generic, code-less error.
/// </summary>
public sealed class CodedJsonHubProtocol(JsonHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure && failure.InvocationId is not null)
        {
            message = new InvocationMessage(failure.InvocationId, nameof(LiveHub.RefuseArguments), [failure.Target]);
        }

        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}

/// <summary>Registration of the live hub.</summary>
public static class LiveHubSetup
{
    /// <summary>SignalR with the board's JSON, the coded-error filter and protocol, and this node's fan-out.</summary>
    public static IServiceCollection AddClimaboroughHub(this IServiceCollection services)
    {
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = BoardLimits.MaxHubMessageBytes;
                o.AddFilter<CodedErrorsFilter>();
            })
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions));
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol>(sp => new CodedJsonHubProtocol(new JsonHubProtocol(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonHubProtocolOptions>>())));
        services.AddSingleton<NodeObserver>();
        services.AddSingleton<TopicSubscriptions>();
        services.AddHostedService<SubscriptionRenewalService>();
        return services;
    }
}
