using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CmDcm.Tests;

/// <summary>The headless notebook runner (`cmdcm-notebooks`), run as a real process on small notebooks written here.</summary>
public class NotebookRunnerTests
{
    [Fact]
    public void A_failing_cell_stops_the_run_with_a_non_zero_exit_naming_the_notebook_and_the_cell()
    {
        using var dir = new TempDirectory();
        var failing = dir.Write("failing.ipynb", Notebook("Console.WriteLine(\"first\");", "throw new InvalidOperationException(\"the second cell broke\");", "Console.WriteLine(\"never\");"));
        var later = dir.Write("later.ipynb", Notebook("1 + 1"));
        var before = File.ReadAllBytes(failing);

        var (exit, output, error) = Run(failing, later);

        Assert.Equal(1, exit);
        Assert.Contains("failing.ipynb code cell 2", error);
        Assert.Contains("the second cell broke", error);
        Assert.DoesNotContain("never", output);
        Assert.DoesNotContain("later.ipynb", output); // notebooks after a failure do not run
        Assert.Equal(before, File.ReadAllBytes(failing));
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_gives_one_line_and_exit_code_2()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("broken.ipynb", "{\"cells\": [");

        var (exit, _, error) = Run(path);

        Assert.Equal(2, exit);
        Assert.StartsWith($"cmdcm-notebooks: {path} cannot be read", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Outputs_are_written_back_and_check_mode_leaves_the_file_byte_identical()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ok.ipynb", Notebook("Console.WriteLine(\"hello from a cell\");", "display(6 * 7);"));
        var before = File.ReadAllBytes(path);

        var (checkExit, checkOutput, _) = Run("--check", path);
        Assert.Equal(0, checkExit);
        Assert.Contains("ok.ipynb", checkOutput);
        Assert.Equal(before, File.ReadAllBytes(path));

        var (exit, output, error) = Run(path);
        Assert.True(exit == 0, error);
        Assert.Matches(@"ok\.ipynb .* \d+\.\d s", output);
        var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToList();
        Assert.Contains("hello from a cell", cells[0]!["outputs"]!.ToJsonString());
        Assert.Contains("42", cells[1]!["outputs"]![0]!["data"]!.ToJsonString());
        Assert.Equal(2, (int)cells[1]!["execution_count"]!);
        Assert.Null(JsonNode.Parse(File.ReadAllText(path))!["metadata"]!["kernelInfo"]);
    }

    [Fact]
    public void A_displayed_chart_becomes_an_image_png_output_and_its_self_contained_html_is_written()
    {
        using var dir = new TempDirectory();
        var html = dir.File("figures/delays.html");
        var library = Path.Combine(Path.GetDirectoryName(RunnerPath)!, "CmDcm.Core.dll");
        var path = dir.Write("chart.ipynb", Notebook(
            $"#r \"{library}\"",
            "using CmDcm.Reporting;\nusing CmDcm.Reporting.Charts;\nvar chart = ActivityCharts.DelayHistogram([new DelayBin(0, 5), new DelayBin(1, 2)]);",
            $"ChartOutput.SaveHtml(chart, @\"{html}\");\nchart"));

        var (exit, _, error) = Run(path);

        Assert.True(exit == 0, error);
        var output = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray().Last()!["outputs"]!.AsArray().Single()!;
        var png = Convert.FromBase64String(string.Concat(output["data"]!["image/png"]!.AsArray().Select(line => (string?)line)));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 5_000, $"a {png.Length}-byte PNG is too small to hold a chart");
        var page = File.ReadAllText(html);
        Assert.DoesNotMatch("<script[^>]*src=", page); // plotly.js embedded, nothing fetched
        Assert.Contains("Days from click to purchase", page);
    }

    /// <summary>A minimal notebook with the .NET Interactive C# kernel's metadata, one code cell per source.</summary>
    internal static string Notebook(params string[] sources)
    {
        var cells = new JsonArray { new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = new JsonArray("# test") } };
        foreach (var source in sources)
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(),
                ["source"] = new JsonArray(source),
            });
        return new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "C#" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();
    }

    /// <summary>Runs the built runner (beside the test output, in src/CmDcm.Notebooks/bin, same configuration).</summary>
    internal static (int Exit, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RunnerPath);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output.Result, error.Result);
    }

    // tests/CmDcm.Tests/bin/<configuration>/... -> src/CmDcm.Notebooks/bin/<configuration>/...
    static string RunnerPath => Path.Combine(TestPaths.RepositoryRoot, "src", "CmDcm.Notebooks",
        Path.GetRelativePath(Path.Combine(TestPaths.RepositoryRoot, "tests", "CmDcm.Tests"), AppContext.BaseDirectory), "cmdcm-notebooks.dll");
}
