namespace Climaborough.Testing;

using Climaborough.Abstractions.Boards;
using Climaborough.Grains;
using Climaborough.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Xunit;

/// <summary>
/// An Orleans test cluster whose silos use the node's own storage registration, on one of the two
/// backends (<paramref name="backend"/>): a fresh data folder, or containers of its own on the shared
/// Azurite. Grain and storage tests derive from a base class taking this and run once per backend.
/// </summary>
public abstract class ClusterFixture(StorageBackend backend) : IAsyncLifetime
{
    private InProcessTestCluster? cluster;
    private TempFolder? folder;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("Not started.");

    /// <summary>The storage settings every silo uses.</summary>
    public StorageOptions Storage { get; private set; } = new();

    /// <summary>Name of the backend, for messages.</summary>
    public string BackendName => backend == StorageBackend.Embedded ? "embedded" : "Azure Storage (Azurite)";

    /// <summary>Grain factory of the cluster's client.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A service of the first silo.</summary>
    public T SiloService<T>() where T : notnull => Cluster.GetSiloServiceProvider().GetRequiredService<T>();

    /// <summary>A keyed service of the first silo.</summary>
    public T SiloKeyedService<T>(string key) where T : notnull => Cluster.GetSiloServiceProvider().GetRequiredKeyedService<T>(key);

    public async ValueTask InitializeAsync()
    {
        Storage = await CreateStorageAsync();
        await StorageRegistration.CheckReachableAsync(Storage);
        var builder = new InProcessTestClusterBuilder(1);
        var storage = Storage;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddClimaboroughStorage(storage);
            silo.Services.AddClimaboroughSerialization();

            // Small segments and frequent versions, so that tests cross segment and snapshot boundaries.
            silo.Services.Configure<BoardOptions>(o =>
            {
                o.SegmentSize = 16;
                o.SnapshotEveryOps = 20;
                o.PresenceTimeout = TimeSpan.FromSeconds(2);
            });
            ConfigureSilo(silo);
        });
        builder.ConfigureClient(client => client.Services.AddClimaboroughSerialization());
        if (Environment.GetEnvironmentVariable("CLIMABOROUGH_TEST_SILO_LOGS") == "1")
        {
            builder.ConfigureSiloHost((_, host) => host.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug).AddFilter("Orleans", LogLevel.Warning).AddFilter("Azure", LogLevel.Warning));
        }
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        folder?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>More silo configuration for a fixture's tests.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    private async Task<StorageOptions> CreateStorageAsync()
    {
        if (backend == StorageBackend.Embedded)
        {
            folder = new TempFolder();
            return new StorageOptions { Backend = StorageBackend.Embedded, DataPath = folder.Path };
        }

        var azurite = await AzuriteServer.Shared;
        return new StorageOptions
        {
            Backend = StorageBackend.AzureStorage,
            Azure = new AzureStorageSettings
            {
                ConnectionString = azurite.ConnectionString,
                ContainerPrefix = "t" + Guid.NewGuid().ToString("N")[..12],
            },
        };
    }
}

/// <summary>The embedded backend in a temporary data folder.</summary>
public sealed class EmbeddedClusterFixture() : ClusterFixture(StorageBackend.Embedded);

/// <summary>The Azure Storage backend on Azurite, with containers of its own.</summary>
public sealed class AzureClusterFixture() : ClusterFixture(StorageBackend.AzureStorage);

/// <summary>
/// A cluster whose silos' <see cref="TimeProvider"/> is <see cref="Clock"/>, moved by hand (registered
/// after Orleans' own, so it is the one grains get), for grains whose rules depend on time.
/// </summary>
public abstract class ManualClockClusterFixture(StorageBackend backend) : ClusterFixture(backend)
{
    /// <summary>The silos' clock.</summary>
    public ManualClock Clock { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>A hand-moved clock on the embedded backend.</summary>
public sealed class EmbeddedManualClockFixture() : ManualClockClusterFixture(StorageBackend.Embedded);

/// <summary>A hand-moved clock on Azure Storage (Azurite).</summary>
public sealed class AzureManualClockFixture() : ManualClockClusterFixture(StorageBackend.AzureStorage);
