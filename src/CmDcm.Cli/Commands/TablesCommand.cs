using CmDcm.Reporting;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm tables`: regenerates Table 2/3 and results.md from the dataset folders of results/ alone, without training.</summary>
public sealed class TablesCommand : ICommand
{
    public string Name => "tables";
    public string Summary => "regenerate Table 2, Table 3 and results.md from the dataset folders of results/ (taobao/, tmall/, industrial-sim/) without training ([--results results])";

    public int Run(CommandOptions options)
    {
        var dir = options.Text("results", "results");
        options.RejectUnknown();
        ResultsWriter.WriteTables(dir);
        Console.WriteLine(File.ReadAllText(Path.Combine(dir, ResultsWriter.TableFile)));
        return 0;
    }
}
