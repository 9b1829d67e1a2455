namespace Climaborough.Testing;

using System.Reflection;

/// <summary>Where things are in the repository, found from the test assembly's location.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder holding <c>Climaborough.sln</c>).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (Debug or Release).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "BuildConfiguration").Value!;

    /// <summary>Folder for artefacts kept with the test results (screenshots).</summary>
    public static string ResultsFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("CLIMABOROUGH_TEST_RESULTS") ?? Path.Combine(Root, "TestResults", "artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Climaborough.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Climaborough.sln above " + AppContext.BaseDirectory);
    }
}
