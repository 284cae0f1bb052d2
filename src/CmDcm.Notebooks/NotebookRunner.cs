using System.Diagnostics;
using System.Reactive.Linq;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace CmDcm.Notebooks;

/// <summary>
/// Executes one .ipynb headlessly: a fresh C# kernel in this process runs its code cells in order (the
/// working directory is the notebook's folder, as in VS Code and Jupyter), each cell's outputs replace its
/// old ones, and the run stops at the first failing cell. Standard output is echoed live, so long cells
/// show their progress.
/// </summary>
public static class NotebookRunner
{
    public static async Task<NotebookResult> RunAsync(string path, bool check, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var fullPath = Path.GetFullPath(path);
        var document = Notebook.Parse(await File.ReadAllTextAsync(fullPath), NotebookKernel.KernelInfos());
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(fullPath)!;
        int cells = 0;
        CellFailure? failure = null;
        try
        {
            using var kernel = NotebookKernel.Create();
            foreach (var cell in document.Elements)
            {
                if (cell.KernelName is not ("csharp" or "C#")) continue;
                cells++;
                var (outputs, error) = await ExecuteAsync(kernel, cell.Contents, log);
                cell.Outputs.Clear();
                cell.Outputs.AddRange(outputs);
                cell.ExecutionOrder = cells;
                if (error != null)
                {
                    failure = new CellFailure(cells, error);
                    break;
                }
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
        // --check still serialises the executed notebook (into a temporary copy), so a write error shows up in CI too.
        if (failure == null) NotebookFile.Write(document, check ? null : fullPath);
        return new NotebookResult(cells, clock.Elapsed.TotalSeconds, failure);
    }

    /// <summary>Runs one cell; returns its outputs in the order produced, and the error message if it failed.</summary>
    static async Task<(List<InteractiveDocumentOutputElement> Outputs, string? Error)> ExecuteAsync(Kernel kernel, string code, TextWriter log)
    {
        var outputs = new List<InteractiveDocumentOutputElement>();
        var stdout = new StringBuilder();
        string? error = null;
        void FlushText()
        {
            if (stdout.Length == 0) return;
            outputs.Add(new TextElement(stdout.ToString(), "stdout"));
            stdout.Clear();
        }
        var command = new SubmitCode(code);
        using var subscription = kernel.KernelEvents.Subscribe(e =>
        {
            switch (e)
            {
                case StandardOutputValueProduced text:
                    var value = text.FormattedValues.FirstOrDefault()?.Value ?? "";
                    stdout.Append(value);
                    log.Write(value);
                    break;
                case StandardErrorValueProduced text:
                    log.Write(text.FormattedValues.FirstOrDefault()?.Value ?? "");
                    break;
                case DisplayEvent display when display is DisplayedValueProduced or DisplayedValueUpdated or ReturnValueProduced:
                    FlushText();
                    outputs.Add(new DisplayElement(display.FormattedValues.ToDictionary(v => v.MimeType, v => (object)v.Value)));
                    break;
                case ErrorProduced produced:
                    FlushText();
                    outputs.Add(new ErrorElement("Error", produced.Message, []));
                    break;
                case CommandFailed failed when failed.Command == command:
                    error = failed.Message;
                    break;
            }
        });
        var result = await kernel.SendAsync(command);
        FlushText();
        if (error == null && result.Events.OfType<CommandFailed>().FirstOrDefault() is { } late) error = late.Message;
        if (error != null) outputs.Add(new ErrorElement("Error", error, []));
        return (outputs, error);
    }
}
