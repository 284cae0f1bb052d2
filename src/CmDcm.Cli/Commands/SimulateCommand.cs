using System.Globalization;
using CmDcm.Data.Simulation;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm simulate`: writes a seeded promotion dataset in the Taobao layout and shows it matches its targets.</summary>
public sealed class SimulateCommand : ICommand
{
    public string Name => "simulate";

    public string Summary => "generate a seeded promotion dataset (--out DIR [--profile ci|default] [--users N] [--seed S] [--calendar taobao|industrial-sim])";

    public int Run(CommandOptions options)
    {
        var config = SimulatorConfig.Preset(options.Text("profile", "default"));
        var users = options.Text("users");
        var seed = options.Text("seed");
        config = config with
        {
            Users = users == null ? config.Users : options.Int("users", config.Users),
            Seed = seed == null ? config.Seed : ParseSeed(seed),
            Calendar = options.Text("calendar", config.Calendar),
        };
        var outDir = options.Required("out");
        options.RejectUnknown();

        var summary = PromotionSimulator.Run(config, outDir);
        Print(summary, outDir);
        return 0;
    }

    static long ParseSeed(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw new InputError($"--seed expects an integer, got '{text}'");

    static void Print(SimulationSummary s, string outDir)
    {
        var c = s.Config;
        Console.WriteLine(Invariant($"simulated {s.Events:N0} events of {s.Users:N0} users on {s.Items:N0} items ({c.Categories} categories), calendar {s.CalendarName}, profile {c.Profile}, seed {c.Seed}, in {s.Seconds:0.0} s -> {outDir}"));
        Console.WriteLine();
        Console.WriteLine("behavior   achieved   target (Taobao UserBehavior)");
        foreach (var (name, target) in SimulationSummary.TargetMix)
            Console.WriteLine(Invariant($"  {name,-6} {s.BehaviorMix[name],8:P1}   {target,8:P1}"));
        Console.WriteLine();
        Console.WriteLine("daily buys (Beijing days)");
        long peak = Math.Max(1, s.Daily.Max(d => d.Buy));
        // Long calendars: one line for each run of regular days (their mean), every other day in full.
        for (int i = 0; i < s.Daily.Count;)
        {
            int j = i;
            while (j < s.Daily.Count && s.Daily[j].Period == s.Daily[i].Period && s.Daily.Count > 20 && s.Daily[i].Period == "Regular") j++;
            if (j > i + 1)
            {
                long mean = (long)s.Daily.Skip(i).Take(j - i).Average(d => d.Buy);
                Console.WriteLine(Invariant($"  {s.Daily[i].Date}..{s.Daily[j - 1].Date[5..]} Regular mean {mean,5:N0} {new string('#', (int)(40 * mean / peak))}"));
                i = j;
                continue;
            }
            var d = s.Daily[i++];
            Console.WriteLine(Invariant($"  {d.Date} {d.Period,-12} {d.Buy,9:N0} {new string('#', (int)(40 * d.Buy / peak))}"));
        }
        Console.WriteLine();
        Console.WriteLine(Invariant($"regular clicks {s.RegularClicks:N0}: same-day CVR {s.RegularCvr:P2}, ATC {s.RegularAtcRate:P2}"));
        Console.WriteLine(Invariant($"pre-promotion clicks {s.PrePromotionClicks:N0}: ATC {s.AtcRate:P2}, direct {s.DirectRate:P2}, delayed {s.DelayedConversions:N0} = {s.DelayedRate:P2} (target 0.3-1 %)"));
        Console.WriteLine(Invariant($"promotion orders {s.PromotionOrders:N0}, from pre-promotion clicks {s.PromotionOrdersFromPrePromotionClicks:N0} = {s.PromotionShare:P1} (target ~{SimulationSummary.TargetPromotionShare:P0})"));
        Console.WriteLine(Invariant($"add-to-cart effect on delayed purchase: true mean(p1 - p0) {s.AverageTreatmentEffect:P3}, naive observed difference {s.NaiveEffect:P3}; mean p0 carted {s.MeanP0Treated:P3} vs not {s.MeanP0Control:P3} (confounding by intent)"));
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
