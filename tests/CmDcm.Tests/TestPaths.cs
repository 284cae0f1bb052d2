namespace CmDcm.Tests;

/// <summary>Finds the repository (the folder holding CmDcm.slnx) and the shared data beside it, from the test output folder.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A file of `../shared/data` next to the repository (never copied into it).</summary>
    public static string SharedData(string file) => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", file));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CmDcm.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no CmDcm.slnx above {AppContext.BaseDirectory}");
    }
}
