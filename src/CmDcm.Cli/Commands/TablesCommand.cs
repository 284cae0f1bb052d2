using CmDcm.Reporting;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm tables`: regenerates Table 2/3 and results.md from results/ alone, without training.</summary>
public sealed class TablesCommand : ICommand
{
    public string Name => "tables";
    public string Summary => "regenerate Table 2, Table 3 and results.md from results/ without training ([--results results])";

    public int Run(CommandOptions options)
    {
        var dir = options.Text("results", "results");
        options.RejectUnknown();
        ResultsWriter.WriteTables(dir, ResultsWriter.ReadMetrics(dir), ResultsWriter.ReadManifest(dir));
        Console.WriteLine(File.ReadAllText(Path.Combine(dir, ResultsWriter.TableFile)));
        return 0;
    }
}
