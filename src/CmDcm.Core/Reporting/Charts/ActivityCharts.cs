using System.Globalization;
using CmDcm.Labels;
using Plotly.NET;

namespace CmDcm.Reporting.Charts;

/// <summary>Charts of the log and its labels (01-eda): what the data look like before any model.</summary>
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
            [("yaxis2", new { title = new { text = "pv per day" }, overlaying = "y", side = "right", showgrid = false }),
             .. Shading(days.Select(d => (d.Day, d.Period))), Legend]);
    }

    /// <summary>
    /// Conversion rate by click day, stacked: bought the same day (direct) and bought in the promotion
    /// (delayed, pre-promotion clicks only), periods shaded. Data: <see cref="DailyConversion.Rates"/>.
    /// </summary>
    public static GenericChart ConversionByDay(IReadOnlyList<DayConversion> days, string dataset = "")
    {
        var x = days.Select(d => Day(d.Day)).ToArray();
        Trace Bars(string name, IEnumerable<double> y, IEnumerable<int> n) => Figure.Trace("bar", ("x", x), ("y", y.ToArray()), ("name", name),
            ("customdata", n.ToArray()), ("hovertemplate", "%{y:.2%} of %{customdata} clicks"));
        return Figure.Of(
            [Bars("direct (same day)", days.Select(d => d.DirectRate), days.Select(d => d.Clicks)),
             Bars("delayed (in the promotion)", days.Select(d => d.DelayedRate), days.Select(d => d.Clicks))],
            Titled("Conversion rate by click day", dataset), "click day (Beijing)", "share of clicks converted",
            [("barmode", "stack"), ("yaxis", new { title = new { text = "share of clicks converted" }, tickformat = ".1%" }),
             .. Shading(days.Select(d => (d.Day, d.Period))), Legend]);
    }

    /// <summary>The click-to-purchase delay histogram (days from click to first buy). Data: <see cref="ConversionDelay.Histogram"/>.</summary>
    public static GenericChart DelayHistogram(IReadOnlyList<DelayBin> bins, string dataset = "")
    {
        var bars = Figure.Trace("bar", ("x", bins.Select(b => b.Days).ToArray()), ("y", bins.Select(b => b.Clicks).ToArray()), ("name", "converted clicks"));
        return Figure.Of([bars], Titled("Days from click to purchase", dataset), "days after the click's day (0 = same day)", "converted clicks",
            ("bargap", 0.1));
    }

    /// <summary>
    /// Promotion-day orders by the day the user first clicked the bought item, periods shaded; the title gives
    /// the pre-promotion share. Data: <see cref="PromotionOrders.BySourceDay"/>.
    /// </summary>
    public static GenericChart PromotionOrdersByClickDay(PromotionOrderSources orders, string dataset = "")
    {
        var days = orders.ByClickDay;
        var bars = Figure.Trace("bar", ("x", days.Select(d => Day(d.Day)).ToArray()), ("y", days.Select(d => d.Orders).ToArray()), ("name", "orders"));
        var title = $"Promotion-day orders by first-click day: {orders.PrePromotionShare.ToString("0.0%", CultureInfo.InvariantCulture)} "
            + $"from pre-promotion clicks ({orders.Orders} orders, {orders.WithoutEarlierClick} without an earlier click)";
        return Figure.Of([bars], Titled(title, dataset), "first click on the item (Beijing day)", "promotion-day orders",
            [.. Shading(days.Select(d => (d.Day, d.Period)))]);
    }

    static readonly (string, object?) Legend = ("legend", new { orientation = "h", y = -0.25 });

    /// <summary>Layout shapes and labels shading each period's days.</summary>
    static (string, object?)[] Shading(IEnumerable<(DateOnly Day, Period Period)> days)
    {
        var spans = PeriodSpan.Of(days).Where(s => PeriodStyle.ContainsKey(s.Period)).ToList();
        var bands = spans.Select(s => (object)new
        {
            type = "rect",
            xref = "x",
            yref = "paper",
            x0 = Day(s.First.AddDays(-1)) + " 12:00",
            x1 = Day(s.Last) + " 12:00",
            y0 = 0,
            y1 = 1,
            fillcolor = PeriodStyle[s.Period].Color,
            line = new { width = 0 },
            layer = "below",
        }).ToArray();
        var labels = spans.Select(s => (object)new
        {
            xref = "x",
            yref = "paper",
            x = Middle(s),
            y = 1.0,
            yanchor = "bottom",
            showarrow = false,
            text = PeriodStyle[s.Period].Label,
        }).ToArray();
        return [("shapes", bands), ("annotations", labels)];
    }

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Middle(PeriodSpan s)
    {
        int days = s.Last.DayNumber - s.First.DayNumber;
        return Day(s.First.AddDays(days / 2)) + (days % 2 == 1 ? " 12:00" : "");
    }

    internal static string Titled(string title, string dataset) => dataset.Length == 0 ? title : $"{title}: {dataset}";
}
