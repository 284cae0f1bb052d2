using System.Globalization;
using CmDcm.Cli;
using CmDcm.Cli.Commands;
using CmDcm.Data;
using CmDcm.Data.Simulation;
using CmDcm.Labels;

namespace CmDcm.Tests;

/// <summary>One ci-scale taobao run shared by the calibration tests (generating it takes a second or two).</summary>
public sealed class CiSimulation : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "cmdcm-sim-ci-" + Guid.NewGuid().ToString("N"));
    public SimulationSummary Summary { get; }
    public PromotionCalendar Calendar { get; } = PromotionCalendar.Load("taobao");
    public List<SimulatorTests.Row> Rows { get; }
    public GroundTruth Truth { get; }

    public CiSimulation()
    {
        Summary = PromotionSimulator.Run(SimulatorConfig.Ci, Dir);
        Rows = SimulatorTests.ReadTaobao(Path.Combine(Dir, PromotionSimulator.EventsFile));
        Truth = GroundTruth.Read(Path.Combine(Dir, PromotionSimulator.TruthFile));
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

public class SimulatorTests(CiSimulation ci) : IClassFixture<CiSimulation>
{
    public readonly record struct Row(long User, long Item, long Category, Behavior Behavior, long Ts);

    /// <summary>A pre-promotion click and its labels computed from the event file alone (data.md §4), as the label code will.</summary>
    public readonly record struct PrePromotionClick(long User, long Item, long ClickTs, bool Direct, bool Delayed, bool Atc);

    [Fact]
    public void SameSeedGivesIdenticalBytesAndAnotherSeedDoesNot()
    {
        var config = SimulatorConfig.Ci with { Users = 400 };
        string a = TempDir(), b = TempDir(), c = TempDir();
        try
        {
            PromotionSimulator.Run(config, a);
            PromotionSimulator.Run(config, b);
            PromotionSimulator.Run(config with { Seed = config.Seed + 1 }, c);
            foreach (var file in new[] { PromotionSimulator.EventsFile, PromotionSimulator.ItemsFile, PromotionSimulator.TruthFile, PromotionSimulator.SummaryFile })
                Assert.True(File.ReadAllBytes(Path.Combine(a, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))), file);
            Assert.False(File.ReadAllBytes(Path.Combine(a, PromotionSimulator.EventsFile)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(c, PromotionSimulator.EventsFile))));
            Assert.Empty(Directory.GetFiles(a, "*.tmp"));
        }
        finally
        {
            foreach (var dir in new[] { a, b, c }) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EventsAreInTheTaobaoLayout()
    {
        // ReadTaobao already checks 5 numeric fields and a known behavior per line.
        Assert.Equal(ci.Summary.Events, ci.Rows.Count);
        Assert.All(ci.Rows, r => Assert.InRange(r.Ts, ci.Calendar.WindowStart, ci.Calendar.WindowEnd - 1));
        // Grouped by user in text order, each user's rows in time order.
        var seen = new HashSet<long>();
        for (int i = 1; i < ci.Rows.Count; i++)
        {
            var (previous, row) = (ci.Rows[i - 1], ci.Rows[i]);
            if (row.User == previous.User) Assert.True(row.Ts >= previous.Ts);
            else
            {
                Assert.True(seen.Add(previous.User));
                Assert.True(string.CompareOrdinal(previous.User.ToString(CultureInfo.InvariantCulture), row.User.ToString(CultureInfo.InvariantCulture)) < 0);
            }
        }
        var catalog = ItemCatalog.Read(Path.Combine(ci.Dir, PromotionSimulator.ItemsFile));
        Assert.All(ci.Rows.Select(r => r.Item).Distinct(), item => Assert.True(catalog.TryGet(item, out _, out _)));
        var categories = ci.Rows.GroupBy(r => r.Item).Select(g => g.Select(r => r.Category).Distinct().Count());
        Assert.All(categories, n => Assert.Equal(1, n));
    }

    [Fact]
    public void BehaviorMixMatchesTaobao()
    {
        var counts = ci.Rows.GroupBy(r => r.Behavior).ToDictionary(g => g.Key, g => g.Count() / (double)ci.Rows.Count);
        Assert.InRange(counts[Behavior.Pv], 0.876, 0.916);
        Assert.InRange(counts[Behavior.Cart], 0.035, 0.075);
        Assert.InRange(counts[Behavior.Fav], 0.015, 0.045);
        Assert.InRange(counts[Behavior.Buy], 0.012, 0.028);
    }

    [Fact]
    public void BuysDipBeforeThePromotionAndSpikeOnIt()
    {
        var buysByDay = ci.Rows.Where(r => r.Behavior == Behavior.Buy).GroupBy(r => (ci.Calendar.PeriodOf(r.Ts), BeijingTime.DayIndex(r.Ts)))
            .ToDictionary(g => g.Key, g => g.Count());
        double Mean(Period p) => buysByDay.Where(kv => kv.Key.Item1 == p).Average(kv => kv.Value);
        int Max(Period p) => buysByDay.Where(kv => kv.Key.Item1 == p).Max(kv => kv.Value);
        Assert.True(Mean(Period.PrePromotion) < 0.9 * Mean(Period.Regular), "buys dip in the pre-promotion days");
        Assert.True(Max(Period.Promotion) > 1.3 * Max(Period.Regular), "buys spike on the promotion day");
        double Pvs(Period p) => ci.Rows.Count(r => r.Behavior == Behavior.Pv && ci.Calendar.PeriodOf(r.Ts) == p) / (p == Period.Regular ? 4.0 : 3.0);
        Assert.True(Pvs(Period.PrePromotion) > Pvs(Period.Regular), "pv rises in the pre-promotion days");
    }

    [Fact]
    public void DelayedRateAndPromotionShareAreCalibrated()
    {
        var clicks = PrePromotionClicks(ci.Rows, ci.Calendar);
        double delayedRate = clicks.Count(c => c.Delayed) / (double)clicks.Count;
        Assert.InRange(delayedRate, 0.002, 0.02);
        Assert.Equal(ci.Summary.DelayedRate, delayedRate, 9);

        // Promotion orders whose (user, item) was clicked in the pre-promotion days (paper Figure 1).
        var clicked = clicks.Select(c => (c.User, c.Item)).ToHashSet();
        var orders = ci.Rows.Where(r => r.Behavior == Behavior.Buy && ci.Calendar.PeriodOf(r.Ts) == Period.Promotion).ToList();
        double share = orders.Count(r => clicked.Contains((r.User, r.Item))) / (double)orders.Count;
        Assert.InRange(share, 0.30, 0.60);
        Assert.Equal(ci.Summary.PromotionShare, share, 9);
    }

    [Fact]
    public void TruthHasOneRowPerPrePromotionClickAndAgreesWithTheLabels()
    {
        var clicks = PrePromotionClicks(ci.Rows, ci.Calendar);
        Assert.Equal(clicks.Count, ci.Truth.Count);
        Assert.Equal(ci.Summary.PrePromotionClicks, clicks.Count);
        foreach (var click in clicks)
        {
            Assert.True(ci.Truth.TryGet(click.User, click.Item, click.ClickTs, out var truth), $"no truth for {click}");
            Assert.Equal(click.Atc, truth.Atc);
            // The observed delayed label is y_T unless the click converted directly.
            Assert.Equal(click.Delayed, !click.Direct && (truth.Atc ? truth.Y1 : truth.Y0));
        }
    }

    [Fact]
    public void AddToCartHasAPositiveEffectConfoundedByIntent()
    {
        var truth = ci.Truth.Clicks.ToList();
        Assert.All(truth, t => Assert.True(t.P0 <= t.P1 && (!t.Y0 || t.Y1) && t.P0 > 0 && t.P1 < 1));
        double ate = truth.Average(t => t.Effect);
        Assert.True(ate > 0);
        double p0Treated = truth.Where(t => t.Atc).Average(t => t.P0), p0Control = truth.Where(t => !t.Atc).Average(t => t.P0);
        Assert.True(p0Treated > 1.3 * p0Control, $"confounding: p0 {p0Treated} (T=1) vs {p0Control} (T=0)");
        Assert.True(ci.Summary.MeanIntentTreated > ci.Summary.MeanIntentControl);
        // Heterogeneous: the effect varies across clicks.
        var effects = truth.Select(t => t.Effect).Order().ToList();
        Assert.True(effects[(int)(0.9 * effects.Count)] > 2 * effects[(int)(0.1 * effects.Count)]);
        // The naive observed difference overstates the true effect (the bias the counterfactual module removes).
        Assert.True(ci.Summary.NaiveEffect > ate);
    }

    [Fact]
    public void DiscountDrivesDelayedPurchaseMoreThanRegularConversion()
    {
        // The learnability premise: a regular-day CVR model cannot learn what drives delayed purchases.
        var catalog = ItemCatalog.Read(Path.Combine(ci.Dir, PromotionSimulator.ItemsFile));
        float Discount(long item) => catalog.TryGet(item, out _, out var d) ? d : 0;
        var delayed = PrePromotionClicks(ci.Rows, ci.Calendar);
        double delayedLift = Rate(delayed.Where(c => Discount(c.Item) >= 0.3), c => c.Delayed) / Rate(delayed.Where(c => Discount(c.Item) < 0.15), c => c.Delayed);
        var regular = RegularClicks(ci.Rows, ci.Calendar);
        double regularLift = Rate(regular.Where(c => Discount(c.Item) >= 0.3), c => c.Bought) / Rate(regular.Where(c => Discount(c.Item) < 0.15), c => c.Bought);
        Assert.True(delayedLift > 1.5 * regularLift, $"delayed lift {delayedLift:0.00} vs regular lift {regularLift:0.00}");
        Assert.True(regular.Count > 50_000 && regular.Count(c => c.Bought) > 1_000, "enough regular clicks to pre-train");
    }

    [Fact]
    public void IndustrialCalendarWorks()
    {
        var dir = TempDir();
        try
        {
            var summary = PromotionSimulator.Run(SimulatorConfig.Ci with { Users = 300, Calendar = "industrial-sim" }, dir);
            var calendar = PromotionCalendar.Load("industrial-sim");
            var rows = ReadTaobao(Path.Combine(dir, PromotionSimulator.EventsFile));
            Assert.All(rows, r => Assert.InRange(r.Ts, calendar.WindowStart, calendar.WindowEnd - 1));
            var clicks = PrePromotionClicks(rows, calendar);
            Assert.Equal(clicks.Count, GroundTruth.Read(Path.Combine(dir, PromotionSimulator.TruthFile)).Count);
            Assert.Equal(5, clicks.Select(c => calendar.CycleOf(c.ClickTs)).Distinct().Count());
            Assert.InRange(summary.DelayedRate, 0.002, 0.02);
            Assert.InRange(summary.PromotionShare, 0.25, 0.65);
            Assert.Equal(calendar.Cycles.Count, summary.Daily.Count(d => d.Period == nameof(Period.Promotion)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SimulateCommandWritesTheFiles()
    {
        var dir = TempDir();
        try
        {
            var output = new StringWriter();
            var console = Console.Out;
            Console.SetOut(output);
            int code;
            try { code = new SimulateCommand().Run(new CommandOptions(["--profile", "ci", "--users", "150", "--seed", "7", "--out", dir])); }
            finally { Console.SetOut(console); }
            Assert.Equal(0, code);
            Assert.Contains("delayed", output.ToString());
            foreach (var file in new[] { PromotionSimulator.EventsFile, PromotionSimulator.ItemsFile, PromotionSimulator.TruthFile, PromotionSimulator.SummaryFile })
                Assert.True(File.Exists(Path.Combine(dir, file)), file);
            Assert.Throws<InputError>(() => new SimulateCommand().Run(new CommandOptions(["--profile", "huge", "--out", dir])));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static double Rate<T>(IEnumerable<T> items, Func<T, bool> positive)
    {
        var list = items.ToList();
        return list.Count(positive) / (double)list.Count;
    }

    static string TempDir() => Path.Combine(Path.GetTempPath(), "cmdcm-sim-" + Guid.NewGuid().ToString("N"));

    public static List<Row> ReadTaobao(string path)
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split(',');
            Assert.Equal(5, f.Length);
            var behavior = f[3] switch
            {
                "pv" => Behavior.Pv,
                "fav" => Behavior.Fav,
                "cart" => Behavior.Cart,
                "buy" => Behavior.Buy,
                _ => throw new Xunit.Sdk.XunitException($"unknown behavior in '{line}'"),
            };
            rows.Add(new Row(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
                long.Parse(f[2], CultureInfo.InvariantCulture), behavior, long.Parse(f[4], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    /// <summary>Minimal label logic (data.md §4) from the rows alone: the first pv of a (user, item) on a Beijing day is a click.</summary>
    static List<PrePromotionClick> PrePromotionClicks(List<Row> rows, PromotionCalendar calendar)
    {
        var result = new List<PrePromotionClick>();
        foreach (var user in rows.GroupBy(r => r.User))
        {
            var events = user.ToList(); // file order = time order
            var firstOfDay = new HashSet<(long Item, long Day)>();
            foreach (var click in events)
            {
                if (click.Behavior != Behavior.Pv || !firstOfDay.Add((click.Item, BeijingTime.DayIndex(click.Ts)))) continue;
                if (calendar.PeriodOf(click.Ts) != Period.PrePromotion) continue;
                var cycle = calendar.Cycles[calendar.CycleOf(click.Ts)];
                var same = events.Where(e => e.Item == click.Item && e.Ts >= click.Ts).ToList();
                bool direct = same.Any(e => e.Behavior == Behavior.Buy && BeijingTime.DayIndex(e.Ts) == BeijingTime.DayIndex(click.Ts));
                bool promotionBuy = same.Any(e => e.Behavior == Behavior.Buy && e.Ts >= cycle.PromotionStart && e.Ts < cycle.PromotionEnd);
                bool atc = same.Any(e => e.Behavior == Behavior.Cart && e.Ts < cycle.PromotionStart);
                result.Add(new PrePromotionClick(click.User, click.Item, click.Ts, direct, !direct && promotionBuy, atc));
            }
        }
        return result;
    }

    static List<(long Item, bool Bought)> RegularClicks(List<Row> rows, PromotionCalendar calendar)
    {
        var result = new List<(long, bool)>();
        foreach (var user in rows.GroupBy(r => r.User))
        {
            var events = user.ToList();
            var firstOfDay = new HashSet<(long Item, long Day)>();
            foreach (var click in events)
            {
                long day = BeijingTime.DayIndex(click.Ts);
                if (click.Behavior != Behavior.Pv || !firstOfDay.Add((click.Item, day)) || calendar.PeriodOf(click.Ts) != Period.Regular) continue;
                result.Add((click.Item, events.Any(e => e.Item == click.Item && e.Behavior == Behavior.Buy && e.Ts >= click.Ts && BeijingTime.DayIndex(e.Ts) == day)));
            }
        }
        return result;
    }
}
