using CmDcm.Reporting.Charts;
using Plotly.NET;

namespace CmDcm.Pipeline;

/// <summary>
/// Which profile a reproduction runs and where it reads and writes, agreed between `cmdcm reproduce` and
/// the notebooks. The notebooks take it from the environment (CMDCM_PROFILE, CMDCM_OUT, CMDCM_WORK,
/// CMDCM_DATASET, CMDCM_DATA), so CI points them at the results and run cache its own reproduction has just
/// filled. The notebooks walk through one dataset's column (taobao unless CMDCM_DATASET names another).
/// </summary>
public sealed record Workspace(string Profile, string OutDir, string WorkDir, string? Data = null)
{
    public const string DefaultWorkDir = "data";

    /// <summary>Only the default profile writes the committed results/; other profiles keep out of its way.</summary>
    public static string DefaultOutDir(string profile) =>
        profile == "default" ? "results" : Path.Combine("results", "runs", Path.GetFileNameWithoutExtension(profile));

    /// <summary>
    /// The workspace the environment names. Relative paths are taken from the repository root and kept
    /// relative to the current directory, so a notebook's committed outputs name no machine's folders.
    /// </summary>
    public static Workspace FromEnvironment(string repositoryRoot)
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        var profile = Env("CMDCM_PROFILE") ?? "default";
        string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path, Path.GetFullPath(repositoryRoot)));
        return new Workspace(profile, Resolve(Env("CMDCM_OUT") ?? DefaultOutDir(profile)), Resolve(Env("CMDCM_WORK") ?? DefaultWorkDir),
            Env("CMDCM_DATA") is { } data ? Resolve(data) : null)
        { Dataset = PaperDataset.Get(Env("CMDCM_DATASET") ?? PaperDataset.Taobao.Name) };
    }

    /// <summary>The Table 2 column the notebooks walk through.</summary>
    public PaperDataset Dataset { get; init; } = PaperDataset.Taobao;

    public RunConfig Config => RunConfig.Load(Profile);

    /// <summary>Charts as self-contained HTML.</summary>
    public string FiguresDir => Path.Combine(OutDir, ChartOutput.FiguresFolder);

    /// <summary>Saves the chart as self-contained HTML in <see cref="FiguresDir"/> as NAME.html and returns it, so a notebook cell also shows it.</summary>
    public GenericChart Figure(GenericChart chart, string name)
    {
        ChartOutput.SaveHtml(chart, Path.Combine(FiguresDir, name + ".html"));
        return chart;
    }

    /// <summary>Options for a reproduction of the given registry rows (null: the profile's own list).</summary>
    public ReproductionOptions Options(IEnumerable<string>? methods = null) => new()
    {
        Config = methods == null ? Config : Config with { Methods = methods.ToArray() },
        OutDir = OutDir,
        WorkDir = WorkDir,
        Dataset = Dataset,
        Data = Data == null ? [] : [Data],
    };
}
