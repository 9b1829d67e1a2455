namespace Climaborough.E2E.Tests;

using Climaborough.Testing;

/// <summary>
/// One node (a separate process, embedded storage in a folder of its own) for the tests of a class that do not
/// need a node to themselves: each makes its own boards and labs and signs in in its own browser context, so
/// they do not see each other's work, and the node's start (about ten seconds of CPU) is paid once per class.
/// Tests that stop, kill or restart their node, or need particular settings, keep starting their own.
/// Started on first use; a node that exited is replaced by a fresh one.
/// </summary>
public sealed class SharedNodeFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private TempFolder? data;
    private NodeProcess? node;

    /// <summary>The running node, started (and waited for) by the first test that asks.</summary>
    public async Task<NodeProcess> NodeAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (node is { HasExited: false })
            {
                return node;
            }

            await StopAsync();
            data = new TempFolder();
            node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
            await node.WaitReadyAsync();
            return node;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        gate.Dispose();
    }

    private async Task StopAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
            node = null;
        }

        data?.Dispose();
        data = null;
    }
}
