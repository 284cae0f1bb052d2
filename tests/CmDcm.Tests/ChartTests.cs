using CmDcm.Data;
using CmDcm.Labels;
using CmDcm.Reporting;
using CmDcm.Reporting.Charts;

namespace CmDcm.Tests;

public class ChartTests
{
    static readonly PromotionCalendar Taobao = PromotionCalendar.Load("taobao");

    /// <summary>
    /// A saved figure must carry plotly.js itself and load no script from the network. (plotly.js's own text
    /// names cdn.plot.ly as the default topojson source of geo maps, which these charts never draw.)
    /// </summary>
    static void AssertSelfContained(string html)
    {
        Assert.Contains("Plotly.newPlot", html);
        Assert.True(html.Length > 1_000_000, $"plotly.js is not embedded: the page has {html.Length} characters");
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.DoesNotContain("src=", tag));
        Assert.DoesNotContain("requirejs", html);
    }

    [Fact]
    public void Daily_counts_cover_every_calendar_day_with_its_period()
    {
        var t = new Timeline()
            .Add(1, 10, Behavior.Pv, Timeline.Taobao(11, 25, 0, 0, 0))     // first second of the window
            .Add(1, 10, Behavior.Cart, Timeline.Taobao(11, 25, 23, 59, 59))
            .Add(2, 11, Behavior.Pv, Timeline.Taobao(11, 30, 9))
            .Add(2, 11, Behavior.Fav, Timeline.Taobao(11, 30, 10))
            .Add(2, 11, Behavior.Buy, Timeline.Taobao(12, 3, 23, 59, 59))  // last second of the window
            .Add(3, 12, Behavior.Buy, Timeline.Taobao(12, 4, 0))           // after the window: left out
            .Add(3, 12, Behavior.Pv, Timeline.Taobao(11, 24, 23, 59, 59)); // before the window: left out

        var days = DailyActivity.Count(t.Events, Taobao);

        Assert.Equal(9, days.Count);
        Assert.Equal(new DateOnly(2017, 11, 25), days[0].Day);
        Assert.Equal(new DateOnly(2017, 12, 3), days[^1].Day);
        Assert.Equal(new DayActivity(new DateOnly(2017, 11, 25), Period.Regular, 1, 0, 1, 0), days[0]);
        Assert.Equal(new DayActivity(new DateOnly(2017, 11, 30), Period.PrePromotion, 1, 1, 0, 0), days[5]);
        Assert.Equal(new DayActivity(new DateOnly(2017, 12, 3), Period.Promotion, 0, 0, 0, 1), days[^1]);
        Assert.Equal(3, days.Sum(d => d.Pv + d.Fav + d.Cart + d.Buy) - 2);
        Assert.Equal(
            [new PeriodSpan(Period.Regular, new(2017, 11, 25), new(2017, 11, 28)),
             new PeriodSpan(Period.PrePromotion, new(2017, 11, 29), new(2017, 12, 1)),
             new PeriodSpan(Period.Promotion, new(2017, 12, 2), new(2017, 12, 3))],
            DailyActivity.Spans(days));
    }

    [Fact]
    public void Delay_histogram_counts_calendar_days_from_click_to_first_buy()
    {
        var samples = new Timeline()
            .Add(1, 10, Behavior.Pv, Timeline.Taobao(11, 26, 9)).Add(1, 10, Behavior.Buy, Timeline.Taobao(11, 26, 10))     // same day: 0
            .Add(2, 11, Behavior.Pv, Timeline.Taobao(11, 30, 23)).Add(2, 11, Behavior.Buy, Timeline.Taobao(12, 2, 1))      // Nov 30 -> Dec 2: 2
            .Add(3, 12, Behavior.Pv, Timeline.Taobao(11, 29, 8)).Add(3, 12, Behavior.Buy, Timeline.Taobao(12, 3, 20))      // Nov 29 -> Dec 3: 4
            .Add(4, 13, Behavior.Pv, Timeline.Taobao(12, 1, 8)).Add(4, 13, Behavior.Buy, Timeline.Taobao(12, 2, 8))        // Dec 1 -> Dec 2: 1
            .Add(5, 14, Behavior.Pv, Timeline.Taobao(12, 1, 9))                                                             // never buys
            .Build();

        Assert.Equal([new DelayBin(0, 1), new DelayBin(1, 1), new DelayBin(2, 1), new DelayBin(3, 0), new DelayBin(4, 1)],
            ConversionDelay.Histogram(samples));
        Assert.Equal([new DelayBin(0, 1)], ConversionDelay.Histogram(samples, Period.Regular));
    }

    [Fact]
    public void Saved_chart_is_self_contained_html_written_under_its_folder()
    {
        using var dir = new TempDirectory();
        var days = DailyActivity.Count(new Timeline().Add(1, 1, Behavior.Pv, Timeline.Taobao(11, 26, 9)).Events, Taobao);

        var path = ChartOutput.SaveHtml(ActivityCharts.DailyBehaviour(days, "test"), Path.Combine(dir.Path, "figures", "daily.html"));

        var html = File.ReadAllText(path);
        AssertSelfContained(html);
        Assert.Contains("pre-promotion", html);
        Assert.Contains("2017-11-29", html);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Tables_command_output_includes_self_contained_table_and_bar_html_with_both_numbers()
    {
        using var dir = new TempDirectory();
        var committed = Path.Combine(TestPaths.RepositoryRoot, "results");
        var report = ResultsWriter.ReadMetrics(committed);

        ResultsWriter.WriteTables(dir.Path, report, ResultsWriter.ReadManifest(committed));

        var table2 = PaperTables.Table2(report);
        var cmDcm = table2.Rows.Single(r => r.Method == "CM-DCM");
        foreach (var file in new[] { "table2.html", "table3.html", Path.Combine(ChartOutput.FiguresFolder, ResultsWriter.AucDelayBarsFile) })
            AssertSelfContained(File.ReadAllText(Path.Combine(dir.Path, file)));
        var html = File.ReadAllText(Path.Combine(dir.Path, "table2.html"));
        Assert.Contains(PaperTables.Ours(cmDcm.AucDelay), html);   // ours, formatted as in table2.md
        Assert.Contains("0.8588", html);                           // the paper's CM-DCM AUC_delay on Taobao
        Assert.Contains("AUC_delay (paper)", html);
    }

    [Fact]
    public void Png_export_renders_a_chart_with_chromium()
    {
        var days = DailyActivity.Count(new Timeline().Add(1, 1, Behavior.Pv, Timeline.Taobao(11, 26, 9)).Events, Taobao);

        var png = ChartOutput.Png(ActivityCharts.DailyBehaviour(days), 600, 400);

        Assert.True(png.Length > 1000, $"{png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }
}
