using CmDcm.Notebooks;

// cmdcm-notebooks [--check] NOTEBOOK.ipynb ...: executes each notebook in a fresh in-process C# kernel,
// in the order given, and writes its outputs back (or, with --check, leaves the files untouched).
var check = args.Contains("--check");
var paths = args.Where(a => a != "--check").ToList();
if (paths.Count == 0 || paths.Any(p => p.StartsWith('-')))
{
    Console.Error.WriteLine("usage: cmdcm-notebooks [--check] NOTEBOOK.ipynb ...");
    return 2;
}
foreach (var path in paths)
{
    if (File.Exists(path)) continue;
    Console.Error.WriteLine($"cmdcm-notebooks: {path}: no such notebook");
    return 2;
}

foreach (var path in paths)
{
    NotebookResult result;
    try
    {
        result = await NotebookRunner.RunAsync(path, check, Console.Out);
    }
    catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"cmdcm-notebooks: {path} cannot be read or written as a notebook: {e.Message}");
        return 2;
    }
    if (result.Failure is { } failure)
    {
        Console.Error.WriteLine($"FAILED {path} code cell {failure.Cell} after {result.Seconds:F1} s: {failure.Message.Split('\n')[0].Trim()}");
        return 1;
    }
    Console.WriteLine($"ok     {path}  {result.Cells} code cells  {result.Seconds:F1} s{(check ? "  (checked, file untouched)" : "")}");
}
return 0;
