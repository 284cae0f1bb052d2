using System.Text;

namespace CmDcm.Data;

/// <summary>
/// Tmall Recommendation (Tianchi 140281) in its two formats (spec data.md §2), one class because they differ
/// only in separator, header and time layout:
/// <list type="bullet">
/// <item>`tmall`: the full log `tianchi_2014002_rec_tmall_log_part{a,b,c}.txt`, byte 0x01 between fields, no
/// header, `item_id␁user_id␁action␁vtime` with vtime `yyyy-MM-dd HH:mm:ss`.</item>
/// <item>`tmall-sample`: `sam_tianchi_2014002_rec_tmall_log.csv`, comma separated, header
/// `item_id,user_id,action,vtime` (checked), vtime `yyyy/M/d H:mm`.</item>
/// </list>
/// Ids may carry a prefix (item "i", user "u"), stripped so "u45" and "45" are user 45; anything else non-numeric
/// is rejected. Actions: click→pv, collect→fav, cart→cart, alipay→buy. vtime is Beijing local time, converted with
/// the fixed +08:00 offset. The log has no category: events carry -1 (unknown) until the ingest joins the
/// product table on item (<see cref="ProductTable"/>); the sample has no product table, so its category stays -1.
/// </summary>
public sealed class TmallReader : LineEventReader, IEventReader // restated so its properties replace the interface defaults
{
    public const string LogFormat = "tmall";
    public const string SampleFormat = "tmall-sample";
    public const long UnknownCategory = -1;
    const int ColumnCount = 4;

    /// <summary>The full 0x01-separated log (1.33 billion rows, 2013-04-01 .. 2013-09-30).</summary>
    public static TmallReader Log { get; } = new(LogFormat, 0x01, header: null, secondsLayout: true, defaultCalendar: "tmall-2013");

    /// <summary>The comma-separated sample with a header line (September 2014).</summary>
    public static TmallReader Sample { get; } = new(SampleFormat, (byte)',', "item_id,user_id,action,vtime", secondsLayout: false, defaultCalendar: "tmall-2014");

    readonly byte separator;
    readonly byte[]? header;
    readonly bool secondsLayout;

    TmallReader(string format, byte separator, string? header, bool secondsLayout, string defaultCalendar)
    {
        Format = format;
        this.separator = separator;
        this.header = header == null ? null : Encoding.ASCII.GetBytes(header);
        this.secondsLayout = secondsLayout;
        DefaultCalendar = defaultCalendar;
    }

    public override string Format { get; }

    public string DefaultCalendar { get; }

    /// <summary>The log spans six months; the calendar's window selects a part of it while streaming.</summary>
    public bool FiltersOutsideWindow => true;

    public bool NeedsProducts => header == null;

    protected override void ParseLine(ReadOnlySpan<byte> text, long line, IEventSink sink)
    {
        if (line == 1 && header != null)
        {
            CheckHeader(text);
            return;
        }
        int at = 0;
        if (TryParsePrefixedId(text, ref at, (byte)'i', out long item) && TrySeparator(text, ref at, separator)
            && TryParsePrefixedId(text, ref at, (byte)'u', out long user) && TrySeparator(text, ref at, separator)
            && TryParseAction(text, ref at, out var behavior) && TrySeparator(text, ref at, separator)
            && TryParseTime(text[at..], out long timestamp))
            sink.Accept(new CanonicalEvent(user, item, UnknownCategory, behavior, timestamp), line, text);
        else
            sink.Reject(Classify(text), line, text);
    }

    public override bool Parses(ReadOnlySpan<byte> text) => (header != null && text.SequenceEqual(header)) || base.Parses(text);

    /// <summary>The header is the contract of the sample format: any other first line stops the run at once.</summary>
    void CheckHeader(ReadOnlySpan<byte> text)
    {
        if (text.SequenceEqual(header)) return;
        var quoted = RejectedLine.Quote(text);
        var hint = EventReaders.SuggestFormat([text.ToArray()], Format) is { } other ? $"; the line parses as --format {other}" : "";
        throw new InputError($"--format {Format}: line 1 must be the header '{Encoding.ASCII.GetString(header!)}', got '{quoted}'{hint}");
    }

    /// <summary>The slow path, only for lines the fast path refused: which rule the line breaks first.</summary>
    RejectReason Classify(ReadOnlySpan<byte> text)
    {
        if (text.Count(separator) != ColumnCount - 1) return RejectReason.BadColumnCount;
        var rest = text;
        for (int column = 0; column < ColumnCount - 1; column++)
        {
            int end = rest.IndexOf(separator);
            var field = rest[..end];
            rest = rest[(end + 1)..];
            int at = 0;
            if (column < 2 && (!TryParsePrefixedId(field, ref at, column == 0 ? (byte)'i' : (byte)'u', out _) || at != field.Length)) return RejectReason.NonNumericId;
            if (column == 2 && !TryAction(field, out _)) return RejectReason.UnknownBehavior;
        }
        return RejectReason.BadDateTime;
    }

    static bool TryParsePrefixedId(ReadOnlySpan<byte> text, ref int at, byte prefix, out long value)
    {
        if (at < text.Length && text[at] == prefix) at++;
        return TryParseId(text, ref at, out value);
    }

    bool TryParseAction(ReadOnlySpan<byte> text, ref int at, out Behavior behavior)
    {
        var rest = text[at..];
        int end = rest.IndexOf(separator);
        if (end < 0) end = rest.Length;
        at += end;
        return TryAction(rest[..end], out behavior);
    }

    static bool TryAction(ReadOnlySpan<byte> token, out Behavior behavior)
    {
        behavior = Behavior.Pv;
        if (token.SequenceEqual("click"u8)) return true;
        behavior = Behavior.Cart;
        if (token.SequenceEqual("cart"u8)) return true;
        behavior = Behavior.Fav;
        if (token.SequenceEqual("collect"u8)) return true;
        behavior = Behavior.Buy;
        return token.SequenceEqual("alipay"u8);
    }

    bool TryParseTime(ReadOnlySpan<byte> text, out long timestamp) =>
        secondsLayout ? TryParseSeconds(text, out timestamp) : TryParseMinutes(text, out timestamp);

    /// <summary>`yyyy-MM-dd HH:mm:ss`, fixed positions.</summary>
    static bool TryParseSeconds(ReadOnlySpan<byte> t, out long timestamp)
    {
        timestamp = 0;
        if (t.Length != 19 || t[4] != '-' || t[7] != '-' || t[10] != ' ' || t[13] != ':' || t[16] != ':') return false;
        int year = Digits(t, 0, 4), month = Digits(t, 5, 2), day = Digits(t, 8, 2);
        int hour = Digits(t, 11, 2), minute = Digits(t, 14, 2), second = Digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return false;
        return BeijingTime.TryFromLocal(year, month, day, hour, minute, second, out timestamp);
    }

    /// <summary>`yyyy/M/d H:mm`: month, day and hour have one or two digits.</summary>
    static bool TryParseMinutes(ReadOnlySpan<byte> t, out long timestamp)
    {
        timestamp = 0;
        int at = 0;
        if (!Number(t, ref at, 4, 4, out int year) || !Expect(t, ref at, '/')
            || !Number(t, ref at, 1, 2, out int month) || !Expect(t, ref at, '/')
            || !Number(t, ref at, 1, 2, out int day) || !Expect(t, ref at, ' ')
            || !Number(t, ref at, 1, 2, out int hour) || !Expect(t, ref at, ':')
            || !Number(t, ref at, 2, 2, out int minute) || at != t.Length) return false;
        return BeijingTime.TryFromLocal(year, month, day, hour, minute, 0, out timestamp);
    }

    /// <summary>The value of <paramref name="count"/> digits at <paramref name="start"/>, or -1 if one is not a digit.</summary>
    static int Digits(ReadOnlySpan<byte> t, int start, int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            uint digit = (uint)(t[i] - '0');
            if (digit > 9) return -1;
            value = value * 10 + (int)digit;
        }
        return value;
    }

    static bool Number(ReadOnlySpan<byte> t, ref int at, int min, int max, out int value)
    {
        int start = at;
        value = 0;
        while (at < t.Length && at - start < max && (uint)(t[at] - '0') <= 9) value = value * 10 + (t[at++] - '0');
        return at - start >= min && (at >= t.Length || (uint)(t[at] - '0') > 9);
    }

    static bool Expect(ReadOnlySpan<byte> t, ref int at, char c)
    {
        if (at >= t.Length || t[at] != c) return false;
        at++;
        return true;
    }
}
