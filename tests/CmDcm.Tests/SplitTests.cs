using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Tests;

public class SplitTests
{
    /// <summary>Pre-promotion and regular clicks of 1,000 users, 20 pre-promotion clicks each.</summary>
    static EventTable Log(string calendarName = "taobao")
    {
        var calendar = PromotionCalendar.Load(calendarName);
        var random = new Random(11);
        var events = new EventTable();
        for (int user = 0; user < 1000; user++)
            for (int k = 0; k < 20; k++)
            {
                var cycle = calendar.Cycles[random.Next(calendar.Cycles.Count)];
                events.Add(user, 1000 + k, 1, Behavior.Pv, cycle.PrePromotionStart + random.Next((int)(cycle.PromotionStart - cycle.PrePromotionStart)));
                events.Add(user, 5000 + k, 1, Behavior.Pv, cycle.RegularStart + random.Next((int)(cycle.PrePromotionStart - cycle.RegularStart)));
            }
        return events;
    }

    static ClickSamples Build(EventTable events, SplitOptions split, string calendar = "taobao") =>
        ClickSampleBuilder.Build(events, PromotionCalendar.Load(calendar), null, split);

    [Theory]
    [InlineData(SplitMode.Random)]
    [InlineData(SplitMode.User)]
    public void SplitIsDeterministicForASeedAndChangesWithIt(SplitMode mode)
    {
        var events = Log();
        var a = Build(events, new SplitOptions(mode, 7));
        var b = Build(events, new SplitOptions(mode, 7));
        var c = Build(events, new SplitOptions(mode, 8));
        Assert.Equal(a.Split, b.Split);
        Assert.NotEqual(a.Split, c.Split);
    }

    [Theory]
    [InlineData(SplitMode.Random)]
    [InlineData(SplitMode.User)]
    public void AboutOneFifthOfPrePromotionClicksAreEvaluation(SplitMode mode)
    {
        var samples = Build(Log(), new SplitOptions(mode, 3));
        var pre = samples.Where(i => samples.Period[i] == Period.PrePromotion);
        Assert.True(pre.Length > 15000);
        double eval = pre.Count(i => samples.Split[i] == SampleSplit.Eval) / (double)pre.Length;
        Assert.InRange(eval, 0.17, 0.23);
        Assert.All(pre, i => Assert.NotEqual(SampleSplit.None, samples.Split[i]));
        Assert.All(samples.Where(i => samples.Period[i] == Period.Regular), i => Assert.Equal(SampleSplit.None, samples.Split[i]));
    }

    [Fact]
    public void UserSplitKeepsEveryUserOnOneSide()
    {
        var samples = Build(Log(), new SplitOptions(SplitMode.User, 5));
        var sides = samples.Where(i => samples.Period[i] == Period.PrePromotion)
            .GroupBy(i => samples.User[i])
            .Select(g => g.Select(i => samples.Split[i]).Distinct().Count());
        Assert.All(sides, count => Assert.Equal(1, count));
    }

    [Fact]
    public void RandomSplitMixesUsers()
    {
        var samples = Build(Log(), new SplitOptions(SplitMode.Random, 5));
        int mixed = samples.Where(i => samples.Period[i] == Period.PrePromotion)
            .GroupBy(i => samples.User[i])
            .Count(g => g.Select(i => samples.Split[i]).Distinct().Count() == 2);
        Assert.True(mixed > 500);
    }

    [Fact]
    public void LastCycleSplitEvaluatesOnTheLastPromotionOnly()
    {
        var samples = Build(Log("industrial-sim"), new SplitOptions(SplitMode.LastCycle), "industrial-sim");
        var pre = samples.Where(i => samples.Period[i] == Period.PrePromotion);
        Assert.Equal(5, pre.Select(i => samples.Cycle[i]).Distinct().Count());
        Assert.All(pre, i => Assert.Equal(samples.Cycle[i] == 4 ? SampleSplit.Eval : SampleSplit.Train, samples.Split[i]));
    }

    [Fact]
    public void ValidationIsCarvedFromTheTrainingClicksOnlyAndIsStable()
    {
        var samples = Build(Log(), new SplitOptions());
        var train = samples.Where(i => samples.Split[i] == SampleSplit.Train);
        var (fit, validation) = SampleSplitter.Carve(samples, train, seed: 5, share: 0.2);

        Assert.Equal(train.Order(), fit.Concat(validation).Order()); // a partition of the training clicks, nothing else
        Assert.Empty(fit.Intersect(validation));
        Assert.InRange(validation.Length / (double)train.Length, 0.17, 0.23);
        Assert.Equal(validation, SampleSplitter.Carve(samples, train, 5, 0.2).Validation);
        Assert.Equal(validation, SampleSplitter.Carve(samples, train.Reverse().ToArray(), 5, 0.2).Validation.Reverse()); // by identity, not position
        Assert.NotEqual(validation, SampleSplitter.Carve(samples, train, 6, 0.2).Validation);
        Assert.Throws<InputError>(() => SampleSplitter.Carve(samples, train, 5, 1.0));
    }
}
