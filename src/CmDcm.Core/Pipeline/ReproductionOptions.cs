namespace CmDcm.Pipeline;

/// <summary>What `cmdcm reproduce` was asked to do.</summary>
public sealed record ReproductionOptions
{
    public required RunConfig Config { get; init; }
    /// <summary>Where results (metrics, manifest, tables) go; committed for the default run.</summary>
    public string OutDir { get; init; } = "results";
    /// <summary>Where generated and ingested data go (not committed).</summary>
    public string WorkDir { get; init; } = "data";
    /// <summary>A real log file; null runs the built-in simulator.</summary>
    public string? Data { get; init; }
    public string Format { get; init; } = "taobao";
    public string Calendar { get; init; } = "taobao";
}
