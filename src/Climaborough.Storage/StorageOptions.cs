namespace Climaborough.Storage;

/// <summary>Which storage a node uses (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary><c>Embedded</c> (default) or <c>AzureStorage</c>.</summary>
    public StorageBackend Backend { get; set; } = StorageBackend.Embedded;

    /// <summary>Folder of the embedded backend (grain state, logs, files, identity database).</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Whether the embedded backend also fsyncs each log append (survives power loss, not only a process crash).</summary>
    public bool Fsync { get; set; }

    /// <summary>Azure Storage settings (section <c>Storage:Azure</c>).</summary>
    public AzureStorageSettings Azure { get; set; } = new();

    /// <summary>The data folder as an absolute path.</summary>
    public string FullDataPath => Path.GetFullPath(DataPath);
}

/// <summary>Azure Storage settings.</summary>
public sealed class AzureStorageSettings
{
    /// <summary>Connection string of the storage account (Azurite's for local runs).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every container the node creates: 3 to 20 lower-case letters or digits.</summary>
    public string ContainerPrefix { get; set; } = "climaborough";
}

/// <summary>Storage backends.</summary>
public enum StorageBackend
{
    /// <summary>A local data folder.</summary>
    Embedded,

    /// <summary>Azure Blob Storage (and Azure Table Storage for cluster membership).</summary>
    AzureStorage,
}

/// <summary>A storage setting that cannot work; <see cref="Setting"/> names it.</summary>
public sealed class StorageConfigurationException(string setting, string message, Exception? inner = null)
    : Exception($"{setting}: {message}", inner)
{
    /// <summary>The configuration key at fault, e.g. <c>Storage:Azure:ConnectionString</c>.</summary>
    public string Setting { get; } = setting;
}
