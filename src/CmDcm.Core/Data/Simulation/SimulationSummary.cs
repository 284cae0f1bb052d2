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
}
