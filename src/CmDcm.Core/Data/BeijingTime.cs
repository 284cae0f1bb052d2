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

    /// <summary>
    /// Epoch seconds of a Beijing wall-clock time given as numbers (the readers parse dates by hand, not with
    /// DateTime.Parse per line); false for a date or time that does not exist.
    /// </summary>
    public static bool TryFromLocal(int year, int month, int day, int hour, int minute, int second, out long timestamp)
    {
        timestamp = 0;
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || (uint)hour > 23 || (uint)minute > 59 || (uint)second > 59) return false;
        timestamp = ((long)new DateOnly(year, month, day).DayNumber - UnixEpochDayNumber) * SecondsPerDay - OffsetSeconds
            + hour * 3600 + minute * 60 + second;
        return true;
    }

    const long UnixEpochDayNumber = 719162; // DateOnly(1970, 1, 1).DayNumber

    public static DateOnly Date(long timestamp) => DateOnly.FromDayNumber((int)(DayIndex(timestamp) + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber));

    public static int HourOfDay(long timestamp) => (int)(FloorMod(timestamp + OffsetSeconds, SecondsPerDay) / 3600);

    static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;
}
