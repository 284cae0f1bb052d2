namespace CmDcm.Pipeline;

/// <summary>What `cmdcm reproduce` was asked to do for one Table 2 column.</summary>
public sealed record ReproductionOptions
{
    public required RunConfig Config { get; init; }
    /// <summary>The results root: this dataset's run goes to OutDir/&lt;dataset&gt;/, the combined tables to OutDir (committed for the default run).</summary>
    public string OutDir { get; init; } = "results";
    /// <summary>Where generated and ingested data go (not committed).</summary>
    public string WorkDir { get; init; } = "data";
    /// <summary>The Table 2 column this run fills.</summary>
    public PaperDataset Dataset { get; init; } = PaperDataset.Taobao;
    /// <summary>The real log, in parts read in order (the Tmall log's part a, b, c); empty runs the built-in simulator.</summary>
    public IReadOnlyList<string> Data { get; init; } = [];
    /// <summary>The Tmall product table, joined on item for categories (format `tmall` only).</summary>
    public string? Products { get; init; }
    /// <summary>The reader of <see cref="Data"/>; null is the dataset's default format.</summary>
    public string? Format { get; init; }
    /// <summary>A calendar name or JSON path; null is the format's default calendar (real data) or the dataset's (simulator).</summary>
    public string? Calendar { get; init; }
    /// <summary>The year of a year-templated calendar (tmall); null keeps the format's default.</summary>
    public int? Year { get; init; }
    /// <summary>Overrides the split; null is the dataset's own (last-cycle for industrial-sim) or else the config's.</summary>
    public string? Split { get; init; }

    public bool Simulated => Data.Count == 0;

    /// <summary>This dataset's folder under <see cref="OutDir"/>.</summary>
    public string DatasetOutDir => Path.Combine(OutDir, Dataset.Name);

    public string ResolvedFormat => Format ?? (Simulated ? PaperDataset.Taobao.Formats[0] : Dataset.DefaultFormat!);

    public string ResolvedCalendar => Calendar ?? (Simulated ? Dataset.SimulatorCalendar! : global::CmDcm.Data.EventReaders.Get(ResolvedFormat).DefaultCalendar);

    public string ResolvedSplit => Split ?? Dataset.Split ?? Config.Split;
}
