namespace Climaborough.Web;

using Climaborough.Client;
using Microsoft.JSInterop;

/// <summary>Passes the browser's online/offline events to the live connection, so going offline shows at once.</summary>
public sealed class NetworkWatcher(IJSRuntime js, ILiveConnection live) : IDisposable
{
    private DotNetObjectReference<NetworkWatcher>? self;

    /// <summary>Starts listening; tells the connection the current state.</summary>
    public async Task StartAsync()
    {
        self = DotNetObjectReference.Create(this);
        var online = await js.InvokeAsync<bool>("climaborough.watchNetwork", self);
        if (!online)
        {
            await live.SetNetworkAvailableAsync(false);
        }
    }

    /// <summary>Called by the browser on its online and offline events.</summary>
    [JSInvokable]
    public Task OnNetworkChanged(bool online) => live.SetNetworkAvailableAsync(online);

    /// <inheritdoc />
    public void Dispose() => self?.Dispose();
}
