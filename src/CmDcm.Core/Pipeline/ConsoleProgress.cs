namespace CmDcm.Pipeline;

/// <summary>
/// Prints progress lines at once, in order, with the time (Progress&lt;T&gt; would post them to the thread
/// pool). Used by the CLI and the notebooks; the writer is looked up at each line, so a notebook cell's
/// redirected Console.Out receives them.
/// </summary>
public sealed class ConsoleProgress(TextWriter? writer = null) : IProgress<string>
{
    public void Report(string value) => (writer ?? Console.Out).WriteLine($"{DateTime.Now:HH:mm:ss} {value}");
}
