using CmDcm.Labels;

namespace CmDcm.Data.Simulation;

/// <summary>
/// Counters kept while generating (one per chunk of users, merged in user order so sums of doubles
/// are the same on every run); turned into a <see cref="SimulationSummary"/> at the end.
/// </summary>
sealed class SimulationTally(int days)
{
    public readonly long[,] Daily = new long[days, 4];
    public readonly long[] Behaviors = new long[4];
    public long Users, RegularClicks, RegularBuys, RegularCarts;
    public long PrePromotionClicks, Treated, Direct, Delayed, DelayedTreated;
    public long PromotionOrders, PromotionOrdersFromPrePromotion;
    public double SumP0, SumP1, SumP0Treated, SumP0Control, SumIntentTreated, SumIntentControl;

    public void Add(SimulationTally other)
    {
        for (int d = 0; d < days; d++)
            for (int b = 0; b < 4; b++) Daily[d, b] += other.Daily[d, b];
        for (int b = 0; b < 4; b++) Behaviors[b] += other.Behaviors[b];
        Users += other.Users;
        RegularClicks += other.RegularClicks;
        RegularBuys += other.RegularBuys;
        RegularCarts += other.RegularCarts;
        PrePromotionClicks += other.PrePromotionClicks;
        Treated += other.Treated;
        Direct += other.Direct;
        Delayed += other.Delayed;
        DelayedTreated += other.DelayedTreated;
        PromotionOrders += other.PromotionOrders;
        PromotionOrdersFromPrePromotion += other.PromotionOrdersFromPrePromotion;
        SumP0 += other.SumP0;
        SumP1 += other.SumP1;
        SumP0Treated += other.SumP0Treated;
        SumP0Control += other.SumP0Control;
        SumIntentTreated += other.SumIntentTreated;
        SumIntentControl += other.SumIntentControl;
    }

    public SimulationSummary ToSummary(SimulatorConfig config, PromotionCalendar calendar, double seconds)
    {
        string[] names = ["pv", "fav", "cart", "buy"];
        long events = Behaviors.Sum();
        var daily = new List<DailyCount>();
        for (int d = 0; d < days; d++)
        {
            long start = calendar.WindowStart + d * BeijingTime.SecondsPerDay;
            daily.Add(new DailyCount(BeijingTime.Date(start).ToString("yyyy-MM-dd"), calendar.PeriodOf(start).ToString(),
                Daily[d, 0], Daily[d, 1], Daily[d, 2], Daily[d, 3]));
        }
        long control = PrePromotionClicks - Treated;
        return new SimulationSummary
        {
            Config = config,
            CalendarName = calendar.Name,
            Users = Users,
            Items = config.Items,
            Events = events,
            BehaviorCounts = names.Select((n, b) => (n, b)).ToDictionary(p => p.n, p => Behaviors[p.b]),
            BehaviorMix = names.Select((n, b) => (n, b)).ToDictionary(p => p.n, p => Ratio(Behaviors[p.b], events)),
            Daily = daily,
            RegularClicks = RegularClicks,
            RegularCvr = Ratio(RegularBuys, RegularClicks),
            RegularAtcRate = Ratio(RegularCarts, RegularClicks),
            PrePromotionClicks = PrePromotionClicks,
            AtcRate = Ratio(Treated, PrePromotionClicks),
            DirectRate = Ratio(Direct, PrePromotionClicks),
            DelayedConversions = Delayed,
            DelayedRate = Ratio(Delayed, PrePromotionClicks),
            PromotionOrders = PromotionOrders,
            PromotionOrdersFromPrePromotionClicks = PromotionOrdersFromPrePromotion,
            PromotionShare = Ratio(PromotionOrdersFromPrePromotion, PromotionOrders),
            MeanP0 = Ratio(SumP0, PrePromotionClicks),
            MeanP1 = Ratio(SumP1, PrePromotionClicks),
            AverageTreatmentEffect = Ratio(SumP1 - SumP0, PrePromotionClicks),
            MeanP0Treated = Ratio(SumP0Treated, Treated),
            MeanP0Control = Ratio(SumP0Control, control),
            MeanIntentTreated = Ratio(SumIntentTreated, Treated),
            MeanIntentControl = Ratio(SumIntentControl, control),
            NaiveEffect = Ratio(DelayedTreated, Treated) - Ratio(Delayed - DelayedTreated, control),
            Seconds = Math.Round(seconds, 3),
        };
    }

    static double Ratio(double a, double b) => b == 0 ? 0 : a / b;
}
