namespace Climaborough.Testing;

/// <summary>A folder deleted when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates an empty folder under the system's temp folder.</summary>
    public TempFolder() => Directory.CreateDirectory(Path);

    /// <summary>The folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "climaborough-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
