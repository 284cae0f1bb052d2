namespace CmDcm.Data;

/// <summary>Why an input row was not kept (spec data.md §2). The order is the order of the ingest report.</summary>
public enum RejectReason
{
    BadColumnCount,
    NonNumericId,
    UnknownBehavior,
    NonNumericTimestamp,
    /// <summary>A date-time text (the Tmall formats) that does not match the format's layout or names no real moment.</summary>
    BadDateTime,
    TimestampNegative,
    TimestampZero,
    TimestampBeforeWindow,
    TimestampAfterWindow,
}

public static class RejectReasons
{
    public static IReadOnlyList<RejectReason> All { get; } = Enum.GetValues<RejectReason>();

    /// <summary>The name used in the ingest report and in messages.</summary>
    public static string Text(this RejectReason reason) => reason switch
    {
        RejectReason.BadColumnCount => "bad column count",
        RejectReason.NonNumericId => "non-numeric id",
        RejectReason.UnknownBehavior => "unknown behavior",
        RejectReason.NonNumericTimestamp => "non-numeric timestamp",
        RejectReason.BadDateTime => "bad date-time",
        RejectReason.TimestampNegative => "timestamp negative",
        RejectReason.TimestampZero => "timestamp zero",
        RejectReason.TimestampBeforeWindow => "timestamp before window",
        RejectReason.TimestampAfterWindow => "timestamp after window",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>What a file rejected mostly for this reason is likely to suffer from.</summary>
    public static string LikelyCause(this RejectReason reason) => reason switch
    {
        RejectReason.BadColumnCount => "wrong --format or separator (the lines do not split into the expected columns)",
        RejectReason.NonNumericId => "wrong --format (the id columns are not plain integers, e.g. Tmall's 'u123' ids or a header line)",
        RejectReason.UnknownBehavior => "wrong --format or column order (the behavior column is not pv/buy/cart/fav)",
        RejectReason.NonNumericTimestamp => "wrong --format (the timestamp column is not epoch seconds, e.g. a date text)",
        RejectReason.BadDateTime => "wrong --format (the time column is not this format's layout: tmall 'yyyy-MM-dd HH:mm:ss', tmall-sample 'yyyy/M/d H:mm') or corrupt dates",
        RejectReason.TimestampNegative or RejectReason.TimestampZero => "corrupt timestamps in the input",
        RejectReason.TimestampBeforeWindow or RejectReason.TimestampAfterWindow =>
            "wrong --calendar for this data, or timestamps in another unit (milliseconds?) or time zone",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
