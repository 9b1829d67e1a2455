namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Storage;
using Climaborough.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A clock the test moves by hand; timers made from it are the system's (sessions make none).</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly object sync = new();
    private DateTimeOffset now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    /// <summary>Moves the clock on.</summary>
    public void Advance(TimeSpan by)
    {
        lock (sync)
        {
            now += by;
        }
    }
}

/// <summary>
/// The session grain's silo: the node's storage registration on one backend, and <see cref="Clock"/> as
/// the silo's <see cref="TimeProvider"/> (registered after Orleans' own, so it is the one grains get).
/// </summary>
public abstract class SessionClusterFixture : ClusterFixture
{
    /// <summary>The silo's clock.</summary>
    public ManualClock Clock { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>Sessions on the embedded backend.</summary>
public sealed class SessionEmbeddedFixture : SessionClusterFixture
{
    private readonly TempFolder folder = new();

    public override string BackendName => "embedded";

    protected override Task<StorageOptions> CreateStorageAsync() =>
        Task.FromResult(new StorageOptions { Backend = StorageBackend.Embedded, DataPath = folder.Path });

    protected override void Cleanup() => folder.Dispose();
}

/// <summary>Sessions on Azure Storage (Azurite).</summary>
public sealed class SessionAzureFixture : SessionClusterFixture
{
    public override string BackendName => "Azure Storage (Azurite)";

    protected override async Task<StorageOptions> CreateStorageAsync()
    {
        var azurite = await AzuriteServer.Shared;
        return new StorageOptions
        {
            Backend = StorageBackend.AzureStorage,
            Azure = new AzureStorageSettings { ConnectionString = azurite.ConnectionString, ContainerPrefix = "s" + Guid.NewGuid().ToString("N")[..12] },
        };
    }
}
