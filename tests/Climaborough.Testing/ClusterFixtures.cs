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
/// backends. Grain and storage tests derive from a base class taking this and run once per backend.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? cluster;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("Not started.");

    /// <summary>The storage settings every silo uses.</summary>
    public StorageOptions Storage { get; private set; } = new();

    /// <summary>Name of the backend, for messages.</summary>
    public abstract string BackendName { get; }

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

        Cleanup();
        GC.SuppressFinalize(this);
    }

    /// <summary>More silo configuration for a fixture's tests.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Settings for a fresh, empty store.</summary>
    protected abstract Task<StorageOptions> CreateStorageAsync();

    /// <summary>Removes what the store left behind.</summary>
    protected virtual void Cleanup()
    {
    }
}

/// <summary>The embedded backend in a temporary data folder.</summary>
public sealed class EmbeddedClusterFixture : ClusterFixture
{
    private readonly TempFolder folder = new();

    public override string BackendName => "embedded";

    protected override Task<StorageOptions> CreateStorageAsync() =>
        Task.FromResult(new StorageOptions { Backend = StorageBackend.Embedded, DataPath = folder.Path });

    protected override void Cleanup() => folder.Dispose();
}

/// <summary>The Azure Storage backend on Azurite, with containers of its own.</summary>
public sealed class AzureClusterFixture : ClusterFixture
{
    public override string BackendName => "Azure Storage (Azurite)";

    protected override async Task<StorageOptions> CreateStorageAsync()
    {
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
