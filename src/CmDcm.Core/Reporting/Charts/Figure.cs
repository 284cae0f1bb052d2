using Plotly.NET;

namespace CmDcm.Reporting.Charts;

/// <summary>
/// Builds a Plotly.NET chart from plotly.js attribute names (x, y, marker, shapes, ...). Plotly.NET's typed
/// chart functions are F# members whose optional arguments C# must spell out one by one; the attribute names
/// are plotly.js's own, documented once, and keep each chart a few readable lines.
/// </summary>
static class Figure
{
    public static Trace Trace(string type, params (string Name, object? Value)[] attributes)
    {
        var trace = new Trace(type);
        foreach (var (name, value) in attributes)
            if (value != null) trace.SetProperty(name, value);
        return trace;
    }

    /// <summary>The traces on one set of axes, titled, with optional extra layout attributes (shapes, barmode, ...).</summary>
    public static GenericChart Of(IEnumerable<Trace> traces, string title, string xTitle, string yTitle, params (string Name, object? Value)[] layout)
    {
        var l = new Layout();
        l.SetProperty("title", new { text = title });
        l.SetProperty("xaxis", new Dictionary<string, object> { ["title"] = new { text = xTitle }, ["automargin"] = true });
        l.SetProperty("yaxis", new Dictionary<string, object> { ["title"] = new { text = yTitle }, ["automargin"] = true });
        foreach (var (name, value) in layout)
            if (value != null) l.SetProperty(name, value);
        var chart = GenericChart.combine(traces.Select(t => GenericChart.ofTraceObject(true, t)).ToList());
        return GenericChart.setLayout(l, chart);
    }
}
