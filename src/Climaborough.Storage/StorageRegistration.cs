namespace Climaborough.Storage;

using System.Text.RegularExpressions;
using Climaborough.Abstractions.Storage;
using Climaborough.Storage.Azure;
using Climaborough.Storage.Embedded;
using global::Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

/// <summary>Chooses and wires the storage backend from configuration: the one storage seam (docs/architecture.md, "Storage").</summary>
public static partial class StorageRegistration
{
    /// <summary>Reads the <c>Storage</c> section and checks what can be checked without I/O.</summary>
    /// <exception cref="StorageConfigurationException">A setting cannot work; the exception names it.</exception>
    public static StorageOptions ReadStorageOptions(IConfiguration configuration, string contentRoot)
    {
        var options = new StorageOptions();
        try
        {
            configuration.GetSection(StorageOptions.Section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new StorageConfigurationException("Storage:Backend", "must be 'Embedded' or 'AzureStorage'.", ex);
        }

        if (options.Backend == StorageBackend.Embedded)
        {
            if (string.IsNullOrWhiteSpace(options.DataPath))
            {
                throw new StorageConfigurationException("Storage:DataPath", "must name a folder.");
            }

            options.DataPath = Path.GetFullPath(Path.Combine(contentRoot, options.DataPath));
            return options;
        }

        if (!Enum.IsDefined(options.Backend))
        {
            throw new StorageConfigurationException("Storage:Backend", "must be 'Embedded' or 'AzureStorage'.");
        }

        if (string.IsNullOrWhiteSpace(options.Azure.ConnectionString))
        {
            throw new StorageConfigurationException("Storage:Azure:ConnectionString", "is required when Storage:Backend is AzureStorage.");
        }

        try
        {
            _ = new BlobServiceClient(options.Azure.ConnectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageConfigurationException("Storage:Azure:ConnectionString", "is not a valid Azure Storage connection string.", ex);
        }

        if (!PrefixPattern().IsMatch(options.Azure.ContainerPrefix))
        {
            throw new StorageConfigurationException("Storage:Azure:ContainerPrefix", "must be 3 to 20 lower-case letters or digits.");
        }

        return options;
    }

    /// <summary>The probe of the configured backend.</summary>
    public static IStorageProbe CreateProbe(StorageOptions options)
    {
        if (options.Backend == StorageBackend.Embedded)
        {
            return new EmbeddedStorageProbe(options.DataPath);
        }

        var blobs = new BlobServiceClient(options.Azure.ConnectionString);
        return new AzureStorageProbe(
            blobs.GetBlobContainerClient($"{options.Azure.ContainerPrefix}-logs"),
            blobs.GetBlobContainerClient($"{options.Azure.ContainerPrefix}-files"));
    }

    /// <summary>
    /// Checks, before the silo starts, that storage answers (creating folders and containers), so
    /// that a wrong setting stops start-up with one line that names it.
    /// </summary>
    /// <exception cref="StorageConfigurationException">Storage does not answer.</exception>
    public static async Task CheckReachableAsync(StorageOptions options)
    {
        var probe = CreateProbe(options);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await probe.CheckAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            var message = ex.Message.Split('\n', 2)[0].Trim();
            throw new StorageConfigurationException(probe.Setting, $"storage does not answer ({ex.GetType().Name}: {message}).", ex);
        }
    }

    /// <summary>Registers grain storage (as Orleans' default provider), logs, files and the storage probe.</summary>
    public static ISiloBuilder AddClimaboroughStorage(this ISiloBuilder silo, StorageOptions options)
    {
        var services = silo.Services;
        services.AddSingleton(options);
        if (options.Backend == StorageBackend.Embedded)
        {
            var root = options.DataPath;
            services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) =>
                new FileGrainStorage(root, new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>())));
            services.AddSingleton<IAppendLogStore>(new FileAppendLogStore(root, options.Fsync));
            services.AddSingleton<IFileStore>(new FileSystemFileStore(root));
            services.AddSingleton(CreateProbe(options));
            return silo;
        }

        var blobs = new BlobServiceClient(options.Azure.ConnectionString);
        var prefix = options.Azure.ContainerPrefix;
        silo.AddAzureBlobGrainStorageAsDefault(builder => builder.Configure<IServiceProvider>((o, sp) =>
        {
            o.BlobServiceClient = blobs;
            o.ContainerName = $"{prefix}-grains";
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>());
        }));
        var logs = blobs.GetBlobContainerClient($"{prefix}-logs");
        var files = blobs.GetBlobContainerClient($"{prefix}-files");
        services.AddSingleton<IAppendLogStore>(new BlobAppendLogStore(logs));
        services.AddSingleton<IFileStore>(new BlobFileStore(files));
        services.AddSingleton(CreateProbe(options));
        return silo;
    }

    [GeneratedRegex("^[a-z0-9]{3,20}$")]
    private static partial Regex PrefixPattern();
}

/// <summary>Answers whether the storage backend works; used at start-up and by <c>/health/ready</c>.</summary>
public interface IStorageProbe
{
    /// <summary>Where the data lives, for the start-up log.</summary>
    string Description { get; }

    /// <summary>The setting to name when the probe fails.</summary>
    string Setting { get; }

    /// <summary>Creates what is missing (folders, containers) and throws when storage does not answer.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}

internal sealed class EmbeddedStorageProbe(string root) : IStorageProbe
{
    public string Description => $"embedded storage in {root}";

    public string Setting => "Storage:DataPath";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var probe = Path.Combine(root, ".probe");
        await File.WriteAllTextAsync(probe, "ok", cancellationToken);
        File.Delete(probe);
    }
}

internal sealed class AzureStorageProbe(BlobContainerClient logs, BlobContainerClient files) : IStorageProbe
{
    public string Description => $"Azure Storage at {logs.Uri.GetLeftPart(UriPartial.Authority)}";

    public string Setting => "Storage:Azure:ConnectionString";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await logs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await files.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
