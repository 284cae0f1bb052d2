using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace CmDcm.Data.Simulation;

/// <summary>Events per Beijing day of the simulated window, by behavior.</summary>
public sealed record DailyCount(string Date, string Period, long Pv, long Fav, long Cart, long Buy);

/// <summary>
/// What one simulator run achieved, written to `simulation.json` beside the data so a reader can check
/// it against the calibration targets (Taobao behavior mix, the buy dip and spike, the delayed rate, the
/// share of promotion orders coming from pre-promotion clicks) and the causal truth.
/// </summary>
public sealed record SimulationSummary
{
    /// <summary>The public Taobao UserBehavior behavior mix the simulator is calibrated to.</summary>
    public static IReadOnlyDictionary<string, double> TargetMix { get; } = new Dictionary<string, double>
    {
        ["pv"] = 0.896,
        ["fav"] = 0.029,
        ["cart"] = 0.055,
        ["buy"] = 0.020,
    };

    public const double TargetPromotionShare = 0.45;

    public required SimulatorConfig Config { get; init; }
    public required string CalendarName { get; init; }
    public long Users { get; init; }
    public long Items { get; init; }
    public long Events { get; init; }
    public required Dictionary<string, long> BehaviorCounts { get; init; }
    public required Dictionary<string, double> BehaviorMix { get; init; }
    public required IReadOnlyList<DailyCount> Daily { get; init; }

    public long RegularClicks { get; init; }
    public double RegularCvr { get; init; }
    public double RegularAtcRate { get; init; }

    public long PrePromotionClicks { get; init; }
    public double AtcRate { get; init; }
    public double DirectRate { get; init; }
    public long DelayedConversions { get; init; }

    /// <summary>Delayed conversions (no direct buy, a buy in the promotion) per pre-promotion click.</summary>
    public double DelayedRate { get; init; }

    public long PromotionOrders { get; init; }
    public long PromotionOrdersFromPrePromotionClicks { get; init; }

    /// <summary>Share of promotion-period orders whose item the user clicked in the pre-promotion days (paper Figure 1).</summary>
    public double PromotionShare { get; init; }

    public double MeanP0 { get; init; }
    public double MeanP1 { get; init; }

    /// <summary>The true average effect of add-to-cart on delayed purchase, mean(p1 - p0) over pre-promotion clicks.</summary>
    public double AverageTreatmentEffect { get; init; }

    /// <summary>Confounding shows as mean p0 higher among carted (T = 1) than uncarted clicks.</summary>
    public double MeanP0Treated { get; init; }
    public double MeanP0Control { get; init; }
    public double MeanIntentTreated { get; init; }
    public double MeanIntentControl { get; init; }

    /// <summary>The naive difference in observed delayed rates, T = 1 minus T = 0 (biased upward by intent).</summary>
    public double NaiveEffect { get; init; }

    /// <summary>Generation time; left out of simulation.json so a seed gives byte-identical files.</summary>
    [JsonIgnore]
    public double Seconds { get; init; }

    /// <summary>What a reader checks against the calibration targets: behavior mix, daily buys, delayed rate, promotion share, ATC effect.</summary>
    public string Describe()
    {
        var s = this;
        var text = new StringBuilder();
        var c = s.Config;
        text.AppendLine(Invariant($"simulated {s.Events:N0} events of {s.Users:N0} users on {s.Items:N0} items ({c.Categories} categories), calendar {s.CalendarName}, profile {c.Profile}, seed {c.Seed}, in {s.Seconds:0.0} s"));
        text.AppendLine();
        text.AppendLine("behavior   achieved   target (Taobao UserBehavior)");
        foreach (var (name, target) in SimulationSummary.TargetMix)
            text.AppendLine(Invariant($"  {name,-6} {s.BehaviorMix[name],8:P1}   {target,8:P1}"));
        text.AppendLine();
        text.AppendLine("daily buys (Beijing days)");
        long peak = Math.Max(1, s.Daily.Max(d => d.Buy));
        // Long calendars: one line for each run of regular days (their mean), every other day in full.
        for (int i = 0; i < s.Daily.Count;)
        {
            int j = i;
            while (j < s.Daily.Count && s.Daily[j].Period == s.Daily[i].Period && s.Daily.Count > 20 && s.Daily[i].Period == "Regular") j++;
            if (j > i + 1)
            {
                long mean = (long)s.Daily.Skip(i).Take(j - i).Average(d => d.Buy);
                text.AppendLine(Invariant($"  {s.Daily[i].Date}..{s.Daily[j - 1].Date[5..]} Regular mean {mean,5:N0} {new string('#', (int)(40 * mean / peak))}"));
                i = j;
                continue;
            }
            var d = s.Daily[i++];
            text.AppendLine(Invariant($"  {d.Date} {d.Period,-12} {d.Buy,9:N0} {new string('#', (int)(40 * d.Buy / peak))}"));
        }
        text.AppendLine();
        text.AppendLine(Invariant($"regular clicks {s.RegularClicks:N0}: same-day CVR {s.RegularCvr:P2}, ATC {s.RegularAtcRate:P2}"));
        text.AppendLine(Invariant($"pre-promotion clicks {s.PrePromotionClicks:N0}: ATC {s.AtcRate:P2}, direct {s.DirectRate:P2}, delayed {s.DelayedConversions:N0} = {s.DelayedRate:P2} (target 0.3-1 %)"));
        text.AppendLine(Invariant($"promotion orders {s.PromotionOrders:N0}, from pre-promotion clicks {s.PromotionOrdersFromPrePromotionClicks:N0} = {s.PromotionShare:P1} (target ~{SimulationSummary.TargetPromotionShare:P0})"));
        text.AppendLine(Invariant($"add-to-cart effect on delayed purchase: true mean(p1 - p0) {s.AverageTreatmentEffect:P3}, naive observed difference {s.NaiveEffect:P3}; mean p0 carted {s.MeanP0Treated:P3} vs not {s.MeanP0Control:P3} (confounding by intent)"));
        return text.ToString().TrimEnd();
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
