using CmDcm.Pipeline;

namespace CmDcm.Reporting;

/// <summary>One Table 2 column's run, read back from results/&lt;dataset&gt;/.</summary>
public sealed record DatasetResults(PaperDataset Dataset, ReproductionReport Report, RunManifest Manifest)
{
    /// <summary>What data filled the column, in a few words: the simulator and its calendar, or the real files' names.</summary>
    public string Source => Manifest.DataPath is { } paths
        ? string.Join(", ", paths.Split(", ").Select(Path.GetFileName))
        : $"simulator, calendar {Report.Calendar}";
}
