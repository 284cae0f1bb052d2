using CmDcm.Pipeline;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm reproduce`: the main job (simulate or read -> ingest -> labels -> pre-train -> CM-DCM -> evaluate).</summary>
public sealed class ReproduceCommand : ICommand
{
    public string Name => "reproduce";
    public string Summary => "the whole reproduction: [simulate] -> ingest -> labels -> pre-train -> CM-DCM -> metrics in results/";

    public int Run(CommandOptions options)
    {
        var profile = options.Text("profile", "default");
        var config = RunConfig.Load(profile);
        if (options.Text("seeds") is { } seeds)
            config = config with { Seeds = seeds.Split(',').Select(s => int.TryParse(s, out var v) ? v : throw new InputError($"--seeds expects numbers like 1,2,3, got '{seeds}'")).ToArray() };
        if (options.Text("methods") is { } methods) config = config with { Methods = methods.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) };
        if (options.Text("device") is { } device) config = config with { Device = device };
        if (options.Text("split") is { } split) config = config with { Split = split };
        var reproduction = new ReproductionOptions
        {
            Config = config,
            Data = options.Text("data"),
            Format = options.Text("format", "taobao"),
            Calendar = options.Text("calendar", "taobao"),
            OutDir = options.Text("out", Workspace.DefaultOutDir(profile)),
            WorkDir = options.Text("work", Workspace.DefaultWorkDir),
        };
        options.RejectUnknown();
        Reproduction.Run(reproduction, new ConsoleProgress());
        Console.WriteLine();
        Console.WriteLine(File.ReadAllText(Path.Combine(reproduction.OutDir, Reporting.ResultsWriter.TableFile)));
        return 0;
    }
}
