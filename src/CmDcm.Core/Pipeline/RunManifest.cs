using System.Diagnostics;

namespace CmDcm.Pipeline;

/// <summary>What a run was, so a number can be traced to the code, data and settings that made it.</summary>
public sealed record RunManifest(
    string Commit,
    string StartedUtc,
    double WallSeconds,
    string Device,
    int Cores,
    string Dotnet,
    string Torch,
    IReadOnlyList<int> Seeds,
    /// <summary>The real files read (log parts, product table), or null for the simulator.</summary>
    string? DataPath,
    Dictionary<string, string> DatasetSha256,
    IReadOnlyDictionary<string, double> StageSeconds,
    RunConfig Config)
{
    public static RunManifest Create(RunConfig config, ReproductionOptions options, DatasetFiles dataset, string device,
        IReadOnlyDictionary<string, double> stages, DateTimeOffset started) => new(
            GitCommit(),
            started.ToString("O"),
            (DateTimeOffset.UtcNow - started).TotalSeconds,
            device,
            Environment.ProcessorCount,
            Environment.Version.ToString(),
            TorchSharp.torch.__version__,
            config.Seeds,
            options.Simulated ? null : string.Join(", ", options.Data.Append(options.Products).OfType<string>()),
            dataset.Hashes(),
            stages,
            config);

    /// <summary>The checked-out commit (with "-dirty" when the tree has changes), or "unknown" outside a git checkout.</summary>
    static string GitCommit()
    {
        try
        {
            string Run(string arguments)
            {
                using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return git.ExitCode == 0 ? output : throw new InvalidOperationException();
            }
            var commit = Run("rev-parse HEAD");
            return Run("status --porcelain --untracked-files=no").Length > 0 ? commit + "-dirty" : commit;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
