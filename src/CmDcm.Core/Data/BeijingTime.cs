namespace CmDcm.Data;

/// <summary>
/// All day arithmetic of the kit: Asia/Shanghai is UTC+8 with no DST, so one fixed offset serves,
/// and nothing depends on the host's TZ or TimeZoneInfo.Local.
/// </summary>
public static class BeijingTime
{
    public const long OffsetSeconds = 8 * 3600;
    public const long SecondsPerDay = 86400;
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Days since 1970-01-01 in Beijing local time (floor, also for negative timestamps).</summary>
    public static long DayIndex(long timestamp) => FloorDiv(timestamp + OffsetSeconds, SecondsPerDay);

    /// <summary>Epoch seconds of the Beijing midnight that starts the day containing <paramref name="timestamp"/>.</summary>
    public static long StartOfDay(long timestamp) => DayIndex(timestamp) * SecondsPerDay - OffsetSeconds;

    /// <summary>Epoch seconds of Beijing midnight at the start of a calendar date.</summary>
    public static long StartOf(DateOnly date) => (long)date.DayNumber * SecondsPerDay - (long)DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber * SecondsPerDay - OffsetSeconds;

    /// <summary>Epoch seconds of a Beijing-local wall-clock time.</summary>
    public static long FromLocal(DateTime local) => new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset).ToUnixTimeSeconds();

    public static DateOnly Date(long timestamp) => DateOnly.FromDayNumber((int)(DayIndex(timestamp) + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber));

    public static int HourOfDay(long timestamp) => (int)(FloorMod(timestamp + OffsetSeconds, SecondsPerDay) / 3600);

    static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;
}
