using CmDcm.Labels;

namespace CmDcm.Data.Simulation;

/// <summary>One simulated event of the current user; Sequence keeps same-second events in emission order.</summary>
readonly record struct SimulatedEvent(long Timestamp, int Sequence, int Item, Behavior Behavior);

/// <summary>
/// Generates one user's whole calendar: on each day they visit, they click some distinct items (the
/// click is the day's first pv of the item), and each click may bring repeat pvs, a fav, a cart and a
/// same-day buy. Pre-promotion clicks also get a delayed purchase in the promotion period, drawn from
/// their potential outcomes. The bookkeeping keeps every click's label well defined for the label code
/// (data.md §4): an item gets at most one pre-promotion click per cycle, promotion-day clicks avoid the
/// items clicked in the pre-promotion days, and only clicks cause carts and buys.
/// </summary>
sealed class ShopperTimeline(SimulatorConfig config, PromotionCalendar calendar, ItemUniverse items, ShopperBehavior model)
{
    const long Day = BeijingTime.SecondsPerDay;

    /// <summary>Relative traffic by Beijing hour (evening peak, a night trough).</summary>
    static readonly double[] HourWeights = Cumulative([3.0, 1.5, 0.8, 0.5, 0.4, 0.5, 1.0, 2.0, 3.0, 3.8, 4.2, 4.2, 4.3, 4.4, 4.4, 4.4, 4.3, 4.2, 4.3, 5.0, 5.8, 6.2, 5.8, 4.5]);

    public readonly List<SimulatedEvent> Events = new();
    public readonly List<ClickTruth> Truth = new();
    readonly HashSet<int> today = new();
    readonly HashSet<int> prePromotionItems = new();
    readonly List<long> clickTimes = new();
    SimulationTally tally = null!;
    SimulationRandom random = null!;
    Shopper user = null!;

    public void Generate(Shopper shopper, SimulationRandom rng, SimulationTally counters)
    {
        user = shopper;
        random = rng;
        tally = counters;
        Events.Clear();
        Truth.Clear();
        foreach (var cycle in calendar.Cycles)
        {
            prePromotionItems.Clear();
            double regularDays = (cycle.PrePromotionStart - cycle.RegularStart) / (double)Day;
            double regularVisit = regularDays <= 0 ? 0 : Math.Min(0.85, config.RegularVisitDays / regularDays);
            for (long dayStart = cycle.RegularStart; dayStart < cycle.PromotionEnd; dayStart += Day)
            {
                var period = calendar.PeriodOf(dayStart);
                double visit = period == Period.Regular ? regularVisit : 0.85;
                if (!random.Bernoulli(visit)) continue;
                double traffic = period switch
                {
                    Period.PrePromotion => config.PrePromotionTraffic * (0.8 + 0.4 * user.PriceSensitivity), // bargain hunters browse more
                    // PromotionTraffic is per day of a two-day promotion; a one-day festival concentrates it.
                    Period.Promotion => config.PromotionTraffic * Math.Clamp(2.0 * Day / (cycle.PromotionEnd - cycle.PromotionStart), 0.5, 2.0),
                    _ => 1.0,
                };
                SimulateVisit(dayStart, period, cycle, random.Poisson(config.ClicksPerVisit * user.Activity * traffic));
            }
        }
        tally.Users++;
    }

    void SimulateVisit(long dayStart, Period period, PromotionCycle cycle, int clicks)
    {
        today.Clear();
        clickTimes.Clear();
        for (int k = 0; k < clicks; k++) clickTimes.Add(TimeOfDay(dayStart));
        clickTimes.Sort();
        foreach (var clickTs in clickTimes)
        {
            int item = ChooseItem(avoidPrePromotionItems: period != Period.Regular);
            if (item < 0) continue;
            today.Add(item);
            if (period == Period.PrePromotion) prePromotionItems.Add(item);
            Emit(clickTs, item, Behavior.Pv);
            switch (period)
            {
                case Period.Regular: RegularClick(clickTs, dayStart, item); break;
                case Period.PrePromotion: PrePromotionClick(clickTs, dayStart, item, cycle); break;
                default: PromotionClick(clickTs, dayStart, item); break;
            }
        }
    }

    int ChooseItem(bool avoidPrePromotionItems)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            int item = random.Bernoulli(Shopper.PreferredShare)
                ? items.PickInCategory(user.PreferredCategories[random.NextInt(user.PreferredCategories.Length)], random)
                : items.PickPopular(random);
            if (today.Contains(item) || (avoidPrePromotionItems && prePromotionItems.Contains(item))) continue;
            return item;
        }
        return -1;
    }

    void RegularClick(long clickTs, long dayStart, int item)
    {
        bool carted = random.Bernoulli(model.RegularCart(user, item));
        bool bought = random.Bernoulli(model.RegularBuy(user, item, carted));
        tally.RegularClicks++;
        if (carted) tally.RegularCarts++;
        if (bought) tally.RegularBuys++;
        FollowUps(clickTs, dayStart, item, carted, bought);
    }

    void PrePromotionClick(long clickTs, long dayStart, int item, PromotionCycle cycle)
    {
        bool treated = random.Bernoulli(model.PrePromotionCart(user, item));
        bool direct = random.Bernoulli(model.PrePromotionDirectBuy(user, item, treated));
        var (p0, p1) = model.DelayedPotentialOutcomes(user, item);
        double u = random.NextDouble(); // common random number: y0 <= y1 whenever p0 <= p1
        bool y0 = u < p0, y1 = u < p1;
        bool delayed = !direct && (treated ? y1 : y0);
        Truth.Add(new ClickTruth(user.Id, items.ItemId(item), clickTs, treated, p0, p1, y0, y1));

        tally.PrePromotionClicks++;
        tally.SumP0 += p0;
        tally.SumP1 += p1;
        if (treated)
        {
            tally.Treated++;
            tally.SumP0Treated += p0;
            tally.SumIntentTreated += user.Intent;
            if (delayed) tally.DelayedTreated++;
        }
        else
        {
            tally.SumP0Control += p0;
            tally.SumIntentControl += user.Intent;
        }
        if (direct) tally.Direct++;
        FollowUps(clickTs, dayStart, item, treated, direct);
        if (delayed)
        {
            tally.Delayed++;
            tally.PromotionOrdersFromPrePromotion++;
            DelayedPurchase(item, cycle);
        }
    }

    void PromotionClick(long clickTs, long dayStart, int item)
    {
        bool carted = random.Bernoulli(model.PromotionCart(user, item));
        bool bought = random.Bernoulli(model.PromotionBuy(user, item, carted));
        FollowUps(clickTs, dayStart, item, carted, bought);
    }

    /// <summary>What follows a click on its own day: repeat pvs, a fav, a cart, then a buy after the cart.</summary>
    void FollowUps(long clickTs, long dayStart, int item, bool carted, bool bought)
    {
        long last = dayStart + Day - 1;
        long cartTs = clickTs;
        if (carted)
        {
            cartTs = Math.Min(last, clickTs + (long)random.Exponential(240));
            Emit(cartTs, item, Behavior.Cart);
        }
        if (random.Bernoulli(model.Fav(user, item))) Emit(Math.Min(last, clickTs + (long)random.Exponential(180)), item, Behavior.Fav);
        int repeats = random.Poisson(config.RepeatPv + (carted ? 0.5 : 0) + (bought ? 0.5 : 0));
        for (int r = 0; r < repeats; r++) Emit(Math.Min(last, clickTs + (long)random.Exponential(1800)), item, Behavior.Pv);
        if (bought) Emit(Math.Min(last, cartTs + (long)random.Exponential(720)), item, Behavior.Buy);
    }

    /// <summary>
    /// The delayed purchase: on the first promotion day mostly (with a midnight rush when the promotion
    /// opens), usually after a revisit of the item page on that day.
    /// </summary>
    void DelayedPurchase(int item, PromotionCycle cycle)
    {
        int promotionDays = (int)((cycle.PromotionEnd - cycle.PromotionStart) / Day);
        int day = promotionDays <= 1 || random.Bernoulli(0.65) ? 0 : 1 + random.NextInt(promotionDays - 1);
        long dayStart = cycle.PromotionStart + day * Day;
        long buyTs = day == 0 && random.Bernoulli(0.3) ? dayStart + random.NextInt(3600) : TimeOfDay(dayStart);
        if (random.Bernoulli(0.7)) Emit(Math.Max(dayStart, buyTs - 60 - (long)random.Exponential(600)), item, Behavior.Pv);
        Emit(buyTs, item, Behavior.Buy);
    }

    long TimeOfDay(long dayStart) => dayStart + random.Pick(HourWeights) * 3600L + random.NextInt(3600);

    void Emit(long timestamp, int item, Behavior behavior)
    {
        Events.Add(new SimulatedEvent(timestamp, Events.Count, item, behavior));
        tally.Behaviors[(int)behavior]++;
        tally.Daily[(timestamp - calendar.WindowStart) / Day, (int)behavior]++;
        if (behavior == Behavior.Buy && calendar.PeriodOf(timestamp) == Period.Promotion) tally.PromotionOrders++;
    }

    static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        double sum = 0;
        for (int i = 0; i < weights.Length; i++) cumulative[i] = sum += weights[i];
        return cumulative;
    }
}
