using CmDcm.Pipeline;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm reproduce`: the main job (simulate or read -> ingest -> labels -> pre-train -> CM-DCM -> evaluate), one Table 2 column per dataset.</summary>
public sealed class ReproduceCommand : ICommand
{
    public string Name => "reproduce";
    public string Summary =>
        "the whole reproduction: [simulate] -> ingest -> labels -> pre-train -> CM-DCM -> metrics in results/<dataset>/ and Table 2/3 in results/; " +
        "without --dataset the simulator-backed columns (taobao, industrial-sim); --dataset taobao|tmall|industrial-sim [--data FILE ...] [--products FILE] [--format F] [--calendar C] [--year Y]";

    public int Run(CommandOptions options)
    {
        var profile = options.Text("profile", "default");
        var config = RunConfig.Load(profile);
        if (options.Text("seeds") is { } seeds)
            config = config with { Seeds = seeds.Split(',').Select(s => int.TryParse(s, out var v) && v >= 0 ? v : throw new InputError($"--seeds expects non-negative numbers like 1,2,3, got '{seeds}'")).ToArray() };
        if (options.Text("methods") is { } methods)
        {
            var names = methods.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0) throw new InputError("--methods names no method: give one or more, e.g. \"pre-trained,CM-DCM\"");
            config = config with { Methods = names };
        }
        if (options.Text("device") is { } device) config = config with { Device = device };
        var data = options.Texts("data");
        var format = options.Text("format");
        var calendar = options.Text("calendar");
        // The dataset is named, or follows from the format of the files given; with neither, the simulator fills every column it can.
        IReadOnlyList<PaperDataset> datasets = options.Text("dataset") is { } name ? [PaperDataset.Get(name)]
            : data.Count > 0 ? [PaperDataset.ForFormat(format ?? PaperDataset.Taobao.DefaultFormat!)]
            : PaperDataset.SimulatorBacked;
        if (datasets.Count > 1 && calendar != null)
            throw new InputError($"--calendar applies to one dataset: add --dataset {string.Join(" or ", datasets.Select(d => d.Name))}");
        var template = new ReproductionOptions
        {
            Config = config,
            Data = data,
            Products = options.Text("products"),
            Format = format,
            Calendar = calendar,
            Year = options.Int("year"),
            Split = options.Text("split"),
            OutDir = options.Text("out", Workspace.DefaultOutDir(profile)),
            WorkDir = options.Text("work", Workspace.DefaultWorkDir),
        };
        options.RejectUnknown();
        // Every column's settings are checked before the first one trains.
        foreach (var dataset in datasets) dataset.Check(format, data.Count > 0, calendar);
        var progress = new ConsoleProgress();
        foreach (var dataset in datasets) Reproduction.Run(template with { Dataset = dataset }, progress);
        Console.WriteLine();
        Console.WriteLine(File.ReadAllText(Path.Combine(template.OutDir, Reporting.ResultsWriter.TableFile)));
        return 0;
    }
}
