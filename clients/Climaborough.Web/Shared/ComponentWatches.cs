namespace Climaborough.Web.Shared;

/// <summary>
/// The watches a component holds, disposed with it; a watch still being made when the component goes
/// is disposed as soon as it is there (a page left before its first answer does not keep watching).
/// </summary>
public sealed class ComponentWatches : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> held = [];
    private bool disposed;

    /// <summary>Holds the watch <paramref name="watching"/> makes.</summary>
    public async Task AddAsync(Task<IAsyncDisposable> watching)
    {
        ArgumentNullException.ThrowIfNull(watching);
        var watch = await watching;
        if (disposed)
        {
            await watch.DisposeAsync();
            return;
        }

        held.Add(watch);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        disposed = true;
        foreach (var watch in held)
        {
            await watch.DisposeAsync();
        }

        held.Clear();
    }
}
