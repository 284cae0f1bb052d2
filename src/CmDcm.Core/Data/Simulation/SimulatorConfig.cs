namespace CmDcm.Data.Simulation;

/// <summary>
/// Scale and the few rates of the promotion simulator. The logit intercepts are calibrated (see
/// <see cref="ShopperBehavior"/>) so the taobao calendar reproduces the public Taobao behavior mix
/// (pv 89.6 %, cart 5.5 %, fav 2.9 %, buy 2.0 %) and the paper's Figure 1 share of promotion orders.
/// </summary>
public sealed record SimulatorConfig
{
    public string Profile { get; init; } = "default";
    public int Users { get; init; } = 20_000;
    public int Items { get; init; } = 100_000;
    public int Categories { get; init; } = 200;
    public long Seed { get; init; } = 20240601;

    /// <summary>A built-in calendar name or a calendar JSON path (<see cref="Labels.PromotionCalendar.Load"/>).</summary>
    public string Calendar { get; init; } = "taobao";

    /// <summary>Distinct items an average user clicks on a regular day they visit.</summary>
    public double ClicksPerVisit { get; init; } = 9.0;

    /// <summary>Expected regular-period visit days per cycle, whatever the cycle's length (keeps the 134-day industrial calendar affordable).</summary>
    public double RegularVisitDays { get; init; } = 3.2;

    /// <summary>Traffic multiplier in the pre-promotion days (pv rises while shoppers compare and wait).</summary>
    public double PrePromotionTraffic { get; init; } = 1.5;

    /// <summary>Traffic multiplier on the promotion day(s).</summary>
    public double PromotionTraffic { get; init; } = 1.3;

    /// <summary>Mean number of extra same-day pvs of a clicked item.</summary>
    public double RepeatPv { get; init; } = 0.25;

    public double FavBase { get; init; } = -3.28;
    public double CartBase { get; init; } = -3.2;
    public double BuyBase { get; init; } = -4.1;

    /// <summary>Logit intercept of P(delayed buy | T = 0) for a pre-promotion click.</summary>
    public double DelayedBase { get; init; } = -6.7;

    /// <summary>The preset for tests and CI: a few thousand users, seconds to generate.</summary>
    public static SimulatorConfig Ci => new() { Profile = "ci", Users = 3_000, Items = 10_000, Categories = 120 };

    /// <summary>The default reproduction scale (about 2-3M events on the taobao calendar).</summary>
    public static SimulatorConfig Default => new();

    public static IReadOnlyList<string> PresetNames { get; } = ["ci", "default"];

    public static SimulatorConfig Preset(string name) => name switch
    {
        "ci" => Ci,
        "default" => Default,
        _ => throw new InputError($"unknown simulator profile '{name}': use one of {string.Join(", ", PresetNames)}"),
    };

    public void Validate()
    {
        if (Users < 1) throw new InputError($"the simulator needs at least one user, got {Users}");
        if (Items < 10) throw new InputError($"the simulator needs at least 10 items, got {Items}");
        if (Categories < 1 || Categories > Items) throw new InputError($"categories must be in [1, items], got {Categories}");
        if (ClicksPerVisit <= 0 || RegularVisitDays <= 0) throw new InputError("clicks per visit and regular visit days must be positive");
    }
}
