using CmDcm.Data;
using CmDcm.Data.Simulation;
using CmDcm.Evaluation;
using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using CmDcm.Pipeline;
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
            PeriodSpan.Of(days.Select(d => (d.Day, d.Period))));
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
        Assert.Equal(html, ChartOutput.Html(ActivityCharts.DailyBehaviour(days, "test")));   // same chart, same bytes
        Assert.Contains("<div id=\"cmdcm-chart\">", html);
    }

    [Fact]
    public void Tables_command_output_includes_self_contained_table_and_bar_html_with_both_numbers()
    {
        using var dir = new TempDirectory();
        var committed = Path.Combine(TestPaths.RepositoryRoot, "results", "taobao");
        var taobao = Directory.CreateDirectory(Path.Combine(dir.Path, "taobao")).FullName;
        foreach (var file in Directory.GetFiles(committed)) File.Copy(file, Path.Combine(taobao, Path.GetFileName(file)));

        ResultsWriter.WriteTables(dir.Path);

        var table2 = PaperTables.Table2(ResultsWriter.ReadAll(dir.Path));
        var cmDcm = table2.Single(t => t.PaperDataset == "Taobao").Rows.Single(r => r.Method == "CM-DCM");
        foreach (var file in new[] { "table2.html", "table3.html", Path.Combine(ChartOutput.FiguresFolder, TableCharts.AucDelayBarsFile),
                     Path.Combine(ChartOutput.FiguresFolder, TableCharts.AblationBarsFile) })
            AssertSelfContained(File.ReadAllText(Path.Combine(dir.Path, file)));
        var html = File.ReadAllText(Path.Combine(dir.Path, "table2.html"));
        Assert.Contains(PaperTables.Ours(cmDcm.AucDelay), html);   // ours, formatted as in table2.md
        Assert.Contains("0.8588", html);                           // the paper's CM-DCM AUC_delay on Taobao
        Assert.Contains("AUC_delay (paper)", html);
    }

    [Fact]
    public void Table_figures_put_dataset_groups_side_by_side()
    {
        TableRow Row(string method, double? ours, double paper)
        {
            var cell = new TableCell(ours, 0.001, ours == null ? 0 : 3, paper, false);
            return new TableRow(method, cell, cell, cell);
        }
        var taobao = new ComparisonTable("Table 2 (Taobao column)", "Taobao", [Row("FNW", 0.7214, 0.7737), Row("CM-DCM", 0.7407, 0.8588)]);
        var tmall = new ComparisonTable("Table 2 (Tmall column)", "Tmall", [Row("FNW", null, 0.6730), Row("CM-DCM", null, 0.7220)]);

        var table = Plotly.NET.GenericChart.toFigureJson(TableCharts.Table([taobao, tmall], "Table 2"));
        var bars = Plotly.NET.GenericChart.toFigureJson(TableCharts.AucDelayBars([taobao, tmall], "AUC_delay"));

        Assert.Contains("Taobao AUC_delay (ours)", table);
        Assert.Contains("Tmall NLL_delay (paper)", table);
        Assert.Contains("0.7407 ± 0.0010", table);
        Assert.Contains("0.6730", table);
        Assert.Contains("n/a", table);                                          // Tmall not run: ours says so
        Assert.Contains("[\"Taobao\",\"Taobao\",\"Tmall\",\"Tmall\"]", bars.Replace(" ", ""));   // the dataset level of the x axis
    }

    [Fact]
    public void Png_export_renders_a_chart_with_chromium()
    {
        var days = DailyActivity.Count(new Timeline().Add(1, 1, Behavior.Pv, Timeline.Taobao(11, 26, 9)).Events, Taobao);

        var png = ChartOutput.Png(ActivityCharts.DailyBehaviour(days), 600, 400);

        Assert.True(png.Length > 1000, $"{png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }

    [Fact]
    public void Png_export_without_chromium_names_the_package_to_install()
    {
        var chart = ActivityCharts.DelayHistogram([new DelayBin(0, 1)]);

        var error = Assert.Throws<InputError>(() => ChartOutput.Png(chart, chromium: "/nonexistent/chromium"));

        Assert.Contains("apt-get install -y chromium", error.Message);
        Assert.Contains("/nonexistent/chromium", error.Message);
    }

    [Fact]
    public void Conversion_by_day_splits_direct_and_delayed_per_click_day()
    {
        var samples = new Timeline()
            .Add(1, 10, Behavior.Pv, Timeline.Taobao(11, 26, 9)).Add(1, 10, Behavior.Buy, Timeline.Taobao(11, 26, 10))   // regular, direct
            .Add(2, 11, Behavior.Pv, Timeline.Taobao(11, 26, 11))                                                          // regular, none
            .Add(3, 12, Behavior.Pv, Timeline.Taobao(11, 30, 9)).Add(3, 12, Behavior.Buy, Timeline.Taobao(11, 30, 20))   // pre-promotion, direct
            .Add(4, 13, Behavior.Pv, Timeline.Taobao(11, 30, 9)).Add(4, 13, Behavior.Buy, Timeline.Taobao(12, 2, 8))     // pre-promotion, delayed
            .Add(5, 14, Behavior.Pv, Timeline.Taobao(11, 30, 9))                                                           // pre-promotion, none
            .Add(6, 15, Behavior.Pv, Timeline.Taobao(11, 30, 9))                                                           // pre-promotion, none
            .Build();

        var days = DailyConversion.Rates(samples);

        Assert.Equal([new DayConversion(new(2017, 11, 26), Period.Regular, 2, 1, 0), new DayConversion(new(2017, 11, 30), Period.PrePromotion, 4, 1, 1)], days);
        Assert.Equal(0.5, days[1].Rate);
    }

    [Fact]
    public void Promotion_orders_go_to_the_day_of_the_first_click_on_the_item()
    {
        var t = new Timeline()
            .Add(1, 10, Behavior.Pv, Timeline.Taobao(11, 29, 9)).Add(1, 10, Behavior.Pv, Timeline.Taobao(12, 1, 9))
            .Add(1, 10, Behavior.Buy, Timeline.Taobao(12, 2, 9))                                   // first click Nov 29
            .Add(2, 11, Behavior.Pv, Timeline.Taobao(11, 26, 9)).Add(2, 11, Behavior.Buy, Timeline.Taobao(12, 3, 9))
            .Add(2, 11, Behavior.Buy, Timeline.Taobao(12, 3, 10))                                  // two orders, first click Nov 26
            .Add(3, 12, Behavior.Pv, Timeline.Taobao(12, 2, 8)).Add(3, 12, Behavior.Buy, Timeline.Taobao(12, 2, 9))   // clicked on the day
            .Add(4, 13, Behavior.Buy, Timeline.Taobao(12, 2, 9)).Add(4, 13, Behavior.Pv, Timeline.Taobao(12, 2, 10))  // click only after the buy
            .Add(5, 14, Behavior.Pv, Timeline.Taobao(11, 30, 9)).Add(5, 14, Behavior.Buy, Timeline.Taobao(11, 30, 10)); // not a promotion order

        var orders = PromotionOrders.BySourceDay(t.Events, Taobao);

        Assert.Equal(5, orders.Orders);
        Assert.Equal(1, orders.WithoutEarlierClick);
        Assert.Equal([new ClickDayOrders(new(2017, 11, 26), Period.Regular, 2), new ClickDayOrders(new(2017, 11, 29), Period.PrePromotion, 1),
                      new ClickDayOrders(new(2017, 12, 2), Period.Promotion, 1)], orders.ByClickDay);
        Assert.Equal(0.2, orders.PrePromotionShare, 12);
    }

    [Fact]
    public void Loss_curves_come_from_the_run_records()
    {
        var report = new ReproductionReport
        {
            Runs =
            [
                new MethodRun("FNW", 1, null, null, 1, 1, [new() { ["fnw"] = 0.5, ["total"] = 0.5 }, new() { ["fnw"] = 0.4, ["total"] = 0.4 }]),
                new MethodRun("CM-DCM", 2, null, null, 1, 1, [new() { ["bce_delay"] = 0.3, ["total"] = 0.9 }]),
                new MethodRun("skipped", 1, null, "not trained", 0, 0, []),
            ],
        };

        var total = LossCurves.From(report);
        Assert.Equal(["FNW", "CM-DCM"], total.Select(c => c.Method));
        Assert.Equal([0.5, 0.4], total[0].PerEpoch);
        Assert.Equal([0.9], total[1].PerEpoch);
        Assert.Equal(4, LossCurves.From(report, term: null).Count);
        Assert.Contains("CM-DCM seed 2", ChartOutput.Html(ModelCharts.LossCurves(total)));
    }

    [Fact]
    public void Calibration_bins_hold_equal_counts_and_keep_ties_together()
    {
        sbyte[] y = [0, 0, 1, 0, 1, 1, 0, 1];
        double[] p = [0.1, 0.2, 0.2, 0.3, 0.6, 0.7, 0.8, 0.9];

        var bins = CalibrationCurve.Bins(y, p, "test", bins: 4);

        // The first bin takes both 0.2s: (0.1, 0.2, 0.2) with one positive.
        Assert.Equal(
            [new CalibrationBin(0.166666666667, 0.333333333333, 3), new CalibrationBin(0.3, 0, 1), new CalibrationBin(0.65, 1, 2), new CalibrationBin(0.85, 0.5, 2)],
            bins.Select(b => b with { MeanPredicted = Math.Round(b.MeanPredicted, 12), ObservedRate = Math.Round(b.ObservedRate, 12) }));
        Assert.Equal(8, bins.Sum(b => b.Clicks));
        Assert.Throws<MetricError>(() => CalibrationCurve.Bins([0, 2], [0.1, 0.2], "test"));
    }

    [Fact]
    public void Effect_pairs_follow_the_simulator_truth_and_bin_by_true_effect()
    {
        using var dir = new TempDirectory();
        var samples = new ClickSamples(4, hasPrice: false);
        for (int i = 0; i < 4; i++) (samples.User[i], samples.Item[i], samples.ClickTs[i]) = (i, 10 + i, 1000 + i);
        var truth = GroundTruth.Read(dir.Write("truth.csv", GroundTruth.Header + "\n0,10,1000,1,0.1,0.5,0,1\n1,11,1001,0,0.2,0.25,0,0\n3,13,1003,0,0.0,0.1,0,0\n"));

        var pairs = EffectComparison.Pair([3, 0, 1, 2], samples, [0.05, 0.3, 0.2, 0.9], truth);   // row 2 has no truth

        Assert.Equal([0.05, 0.3, 0.2], pairs.Estimated);
        Assert.Equal([0.1, 0.4, 0.05], pairs.True.Select(v => Math.Round(v, 12)));
        var bins = EffectComparison.Binned(pairs, bins: 3);
        Assert.Equal([0.2, 0.05, 0.3], bins.Select(b => b.MeanEstimated));   // ordered by true effect 0.05, 0.1, 0.4
        Assert.Equal(3, EffectComparison.Check(pairs)!.Clicks);
    }

    [Fact]
    public void Gate_groups_split_clicks_by_user_activity()
    {
        var config = SyntheticSamples.SmallModel();
        var samples = SyntheticSamples.Make(40, 3, prePromotion: true);
        var model = new CmDcmModel(new PretrainedDailyModel(config, true), config, true);   // untrained: every gate is exactly 1
        var rows = Enumerable.Range(0, 40).ToArray();

        var groups = GateActivity.ByUserActivity(model, new BatchBuilder(samples, config.Encoder, TorchSharp.torch.CPU), rows, groups: 4, batchSize: 16);

        Assert.Equal(40, groups.Sum(g => g.Clicks));
        Assert.True(groups.Count is >= 2 and <= 4);
        Assert.All(groups.Zip(groups.Skip(1)), p => Assert.True(p.First.MaxEvents < p.Second.MinEvents));
        Assert.All(groups, g => Assert.Equal(6, g.MeanGate.Count));
        Assert.All(groups.SelectMany(g => g.MeanGate), v => Assert.Equal(1.0, v, 6));
        Assert.Equal(["g_cvr^1", "g_cvr^2", "g_cvr^3", "g_atc^1", "g_atc^2", "g_atc^3"], GateActivity.LayerNames(3));
    }

    [Fact]
    public void Every_chart_draws_the_series_it_is_given()
    {
        static string Json(Plotly.NET.GenericChart chart) => Plotly.NET.GenericChart.toFigureJson(chart);

        var conversion = Json(ActivityCharts.ConversionByDay([new DayConversion(new(2017, 11, 30), Period.PrePromotion, 200, 3, 5)]));
        Assert.Contains("0.015", conversion);   // 3 / 200 direct
        Assert.Contains("0.025", conversion);   // 5 / 200 delayed
        Assert.Contains("pre-promotion", conversion);

        var histogram = Json(ActivityCharts.DelayHistogram([new DelayBin(0, 17), new DelayBin(1, 4)]));
        Assert.Contains("[17,4]", histogram.Replace(" ", ""));

        var orders = Json(ActivityCharts.PromotionOrdersByClickDay(new PromotionOrderSources([new ClickDayOrders(new(2017, 11, 29), Period.PrePromotion, 9)], 10, 1)));
        Assert.Contains("90.0%", orders);

        var gates = Json(ModelCharts.GatesByActivity([new GateGroup(0, 3, 10, [0.9, 1.1]), new GateGroup(4, 9, 12, [0.8, 1.3])]));
        Assert.Contains("g_cvr^1", gates);
        Assert.Contains("g_atc^1", gates);
        Assert.Contains("0-3", gates);
        Assert.Contains("1.3", gates);

        var pairs = new EffectPairs([0.1, 0.2, 0.3], [0.15, 0.2, 0.35]);
        Assert.Contains("3 clicks", Json(ModelCharts.EffectEstimates(pairs, EffectComparison.Binned(pairs, 2))));

        Assert.Contains("0.0123", Json(ModelCharts.Calibration([new CalibrationBin(0.0123, 0.02, 50)])));
    }
}
