using CmDcm.Labels;
using Plotly.NET;

namespace CmDcm.Reporting.Charts;

/// <summary>Charts of the log itself (01-eda): what the data look like before any model.</summary>
public static class ActivityCharts
{
    static readonly Dictionary<Period, (string Label, string Color)> PeriodStyle = new()
    {
        [Period.Regular] = ("regular", "rgba(31,119,180,0.08)"),
        [Period.PrePromotion] = ("pre-promotion", "rgba(255,127,14,0.18)"),
        [Period.Promotion] = ("promotion", "rgba(214,39,40,0.18)"),
    };

    /// <summary>
    /// The paper's Figure 3: daily pv (right axis) and fav / cart / buy (left axis) counts, the regular,
    /// pre-promotion and promotion periods shaded. Data: <see cref="DailyActivity.Count"/>.
    /// </summary>
    public static GenericChart DailyBehaviour(IReadOnlyList<DayActivity> days, string dataset = "")
    {
        var x = days.Select(d => Day(d.Day)).ToArray();
        Trace Line(string name, IEnumerable<long> y, string axis) =>
            Figure.Trace("scatter", ("x", x), ("y", y.ToArray()), ("name", name), ("mode", "lines+markers"), ("yaxis", axis));
        var traces = new[]
        {
            Line("pv (right axis)", days.Select(d => d.Pv), "y2"),
            Line("fav", days.Select(d => d.Fav), "y"),
            Line("cart", days.Select(d => d.Cart), "y"),
            Line("buy", days.Select(d => d.Buy), "y"),
        };
        return Figure.Of(traces, Titled("Daily behaviour counts by period (paper Figure 3)", dataset), "day (Beijing)", "fav / cart / buy per day",
            ("yaxis2", new { title = new { text = "pv per day" }, overlaying = "y", side = "right", showgrid = false }),
            ("shapes", PeriodBands(DailyActivity.Spans(days))),
            ("annotations", PeriodLabels(DailyActivity.Spans(days))),
            ("legend", new { orientation = "h", y = -0.2 }));
    }

    /// <summary>The click-to-purchase delay histogram (days from click to first buy). Data: <see cref="ConversionDelay.Histogram"/>.</summary>
    public static GenericChart DelayHistogram(IReadOnlyList<DelayBin> bins, string dataset = "")
    {
        var bars = Figure.Trace("bar", ("x", bins.Select(b => b.Days).ToArray()), ("y", bins.Select(b => b.Clicks).ToArray()), ("name", "converted clicks"));
        return Figure.Of([bars], Titled("Days from click to purchase", dataset), "days after the click's day (0 = same day)", "converted clicks",
            ("bargap", 0.1));
    }

    static object[] PeriodBands(IEnumerable<PeriodSpan> spans) => spans.Where(s => PeriodStyle.ContainsKey(s.Period)).Select(s => (object)new
    {
        type = "rect", xref = "x", yref = "paper", x0 = HalfDayBefore(s.First), x1 = HalfDayAfter(s.Last), y0 = 0, y1 = 1,
        fillcolor = PeriodStyle[s.Period].Color, line = new { width = 0 }, layer = "below",
    }).ToArray();

    static object[] PeriodLabels(IEnumerable<PeriodSpan> spans) => spans.Where(s => PeriodStyle.ContainsKey(s.Period)).Select(s => (object)new
    {
        xref = "x", yref = "paper", x = Middle(s), y = 1.0, yanchor = "bottom", showarrow = false, text = PeriodStyle[s.Period].Label,
    }).ToArray();

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    static string HalfDayBefore(DateOnly day) => Day(day.AddDays(-1)) + " 12:00";

    static string HalfDayAfter(DateOnly day) => Day(day) + " 12:00";

    static string Middle(PeriodSpan s)
    {
        int days = s.Last.DayNumber - s.First.DayNumber;
        return Day(s.First.AddDays(days / 2)) + (days % 2 == 1 ? " 12:00" : "");
    }

    internal static string Titled(string title, string dataset) => dataset.Length == 0 ? title : $"{title}: {dataset}";
}
