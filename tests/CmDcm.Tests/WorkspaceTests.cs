using CmDcm.Pipeline;

namespace CmDcm.Tests;

/// <summary>The notebooks' workspace: profile and directories from CMDCM_* with the CLI's defaults.</summary>
public class WorkspaceTests
{
    [Fact]
    public void The_environment_names_the_profile_and_directories_with_the_CLIs_defaults()
    {
        using var dir = new TempDirectory();
        var names = new[] { "CMDCM_PROFILE", "CMDCM_OUT", "CMDCM_WORK", "CMDCM_DATA" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var n in names) Environment.SetEnvironmentVariable(n, null);
            var standard = Workspace.FromEnvironment(dir.Path);
            Assert.Equal("default", standard.Profile);
            Assert.Equal(Path.Combine(dir.Path, "results"), Path.GetFullPath(standard.OutDir));
            Assert.Equal(Path.Combine(dir.Path, "data"), Path.GetFullPath(standard.WorkDir));
            Assert.Null(standard.Data);

            Environment.SetEnvironmentVariable("CMDCM_PROFILE", "ci");
            Environment.SetEnvironmentVariable("CMDCM_WORK", dir.File("cache"));
            var ci = Workspace.FromEnvironment(dir.Path);
            Assert.Equal(Path.Combine(dir.Path, "results", "runs", "ci"), Path.GetFullPath(ci.OutDir));
            Assert.Equal(dir.File("cache"), ci.WorkDir); // absolute paths are kept as given
            Assert.Equal("ci", ci.Options([Reproduction.CmDcm]).Config.Profile);
            Assert.Equal([Reproduction.CmDcm], ci.Options([Reproduction.CmDcm]).Config.Methods!);
        }
        finally
        {
            foreach (var (n, v) in saved) Environment.SetEnvironmentVariable(n, v);
        }
    }
}
