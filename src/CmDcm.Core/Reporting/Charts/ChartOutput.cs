using System.Text;
using CmDcm.Data;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.ImageExport;

namespace CmDcm.Reporting.Charts;

/// <summary>
/// The two ways a chart leaves the kit: a self-contained interactive HTML file (plotly.js embedded, so it
/// renders with no network, never from a CDN) and PNG bytes rendered by Debian's chromium (for inline
/// notebook images, which render on GitHub and offline). Only the PNG path needs a browser.
/// </summary>
public static class ChartOutput
{
    /// <summary>Where figures go inside a results directory.</summary>
    public const string FiguresFolder = "figures";

    /// <summary>The browser the PNG export drives; override with CMDCM_CHROMIUM.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CMDCM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// The chart as one HTML page with plotly.js inlined (~3.6 MB): no script is fetched from the network.
    /// Plotly.NET names the chart's div with a fresh GUID; it is replaced by a fixed id so the same chart gives
    /// the same bytes (a rerun of `cmdcm tables` changes no file whose numbers did not change).
    /// </summary>
    public static string Html(GenericChart chart)
    {
        var html = GenericChart.toEmbeddedHTML(SelfContained(chart));
        const string marker = "<div id=\"";
        int start = html.LastIndexOf(marker, StringComparison.Ordinal);   // the chart div follows the inlined plotly.js
        if (start < 0) return html;
        start += marker.Length;
        var id = html[start..html.IndexOf('"', start)];
        return Guid.TryParse(id, out _) ? html.Replace(id, "cmdcm-chart").Replace(id.Replace("-", ""), "cmdcm_chart") : html;
    }

    /// <summary>Writes the chart as a self-contained HTML page, atomically; creates the folder. Returns the path.</summary>
    public static string SaveHtml(GenericChart chart, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var html = Html(chart);
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(html)));
        return path;
    }

    /// <summary>
    /// The chart rendered to PNG bytes by headless chromium (a browser start per chart: 2-15 s on a loaded 2-core machine). Throws an <see cref="InputError"/>
    /// naming the package to install when no chromium is found at <paramref name="chromium"/> (default <see cref="ChromiumPath"/>).
    /// </summary>
    public static byte[] Png(GenericChart chart, int width = 900, int height = 500, string? chromium = null)
    {
        ConfigureBrowser(chromium ?? ChromiumPath);
        var base64 = SelfContained(chart).ToBase64PNGString(Width: width, Height: height);
        return Convert.FromBase64String(base64.Substring(base64.IndexOf(',') + 1));
    }

    static GenericChart SelfContained(GenericChart chart) =>
        GenericChart.setDisplayOptions(DisplayOptions.init(null, null, null, null, null, null, PlotlyJSReference.Full), chart);

    static readonly object BrowserLock = new();

    /// <summary>Points ImageExport at the local chromium; without a path it would try to download Chrome, which fails offline.</summary>
    static void ConfigureBrowser(string path)
    {
        if (!File.Exists(path))
            throw new InputError($"PNG export needs chromium at {path}: install Debian's package (apt-get install -y chromium) or set CMDCM_CHROMIUM to a Chromium/Chrome binary");
        lock (BrowserLock)
        {
            PuppeteerSharpRendererOptions.localBrowserExecutablePath = FSharpOption<string>.Some(path);
            // Root (CI, containers) cannot start chromium's sandbox.
            PuppeteerSharpRendererOptions.launchOptions.Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];
        }
    }
}
