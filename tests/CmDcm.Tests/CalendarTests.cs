using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Tests;

public class CalendarTests
{
    [Theory]
    [InlineData(1511539200L, Period.Regular)]
    [InlineData(1511884799L, Period.Regular)]
    [InlineData(1511884800L, Period.PrePromotion)]
    [InlineData(1512143999L, Period.PrePromotion)]
    [InlineData(1512144000L, Period.Promotion)]
    [InlineData(1512316799L, Period.Promotion)]
    [InlineData(1512316800L, Period.Outside)]
    [InlineData(1511539199L, Period.Outside)]
    public void TaobaoPeriodsFollowBeijingDays(long timestamp, Period expected)
    {
        Assert.Equal(expected, PromotionCalendar.Load("taobao").PeriodOf(timestamp));
    }

    [Fact]
    public void TaobaoWindowMatchesTheSpecBounds()
    {
        var calendar = PromotionCalendar.Load("taobao");
        Assert.Equal(1511539200L, calendar.WindowStart);
        Assert.Equal(1512316800L, calendar.WindowEnd);
    }

    [Fact]
    public void IndustrialCalendarHasFivePromotions()
    {
        var calendar = PromotionCalendar.Load("industrial-sim");
        Assert.Equal(5, calendar.Cycles.Count);
        Assert.Equal(new DateOnly(2026, 11, 11), BeijingTime.Date(calendar.Cycles[^1].PromotionStart));
    }

    [Fact]
    public void BeijingDayArithmeticIgnoresTheHostZone()
    {
        Assert.Equal(new DateOnly(2017, 11, 25), BeijingTime.Date(1511539200));
        Assert.Equal(new DateOnly(2017, 11, 24), BeijingTime.Date(1511539199));
        Assert.Equal(0, BeijingTime.HourOfDay(1511539200));
        Assert.Equal(1511539200L, BeijingTime.StartOfDay(1511539200 + 3600));
        Assert.Equal(1379347199L, BeijingTime.FromLocal(new DateTime(2013, 9, 16, 23, 59, 59)));
    }

    [Fact]
    public void UnknownCalendarIsAClearError()
    {
        var error = Assert.Throws<InputError>(() => PromotionCalendar.Load("nope"));
        Assert.Contains("unknown calendar", error.Message);
    }
}
