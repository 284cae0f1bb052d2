namespace CmDcm.Data;

/// <summary>
/// Taobao UserBehavior (Tianchi 649) and the simulator's output: no header, `user,item,category,behavior,ts`
/// with behavior pv/buy/cart/fav and ts in epoch seconds. Ids are plain non-negative integers.
/// </summary>
public sealed class TaobaoReader : LineEventReader
{
    public const string FormatName = "taobao";
    const byte Separator = (byte)',';
    const int ColumnCount = 5;

    public override string Format => FormatName;

    protected override void ParseLine(ReadOnlySpan<byte> text, long line, IEventSink sink)
    {
        int at = 0;
        if (TryParseId(text, ref at, out long user) && TrySeparator(text, ref at, Separator)
            && TryParseId(text, ref at, out long item) && TrySeparator(text, ref at, Separator)
            && TryParseId(text, ref at, out long category) && TrySeparator(text, ref at, Separator)
            && TryParseBehavior(text, ref at, out var behavior) && TrySeparator(text, ref at, Separator)
            && TryParseTimestamp(text, ref at, out long timestamp) && at == text.Length)
            sink.Accept(new CanonicalEvent(user, item, category, behavior, timestamp), line, text);
        else
            sink.Reject(Classify(text), line, text);
    }

    /// <summary>The slow path, only for lines the fast path refused: which rule the line breaks first.</summary>
    static RejectReason Classify(ReadOnlySpan<byte> text)
    {
        if (text.Count(Separator) != ColumnCount - 1) return RejectReason.BadColumnCount;
        var rest = text;
        for (int column = 0; column < ColumnCount - 1; column++)
        {
            int comma = rest.IndexOf(Separator);
            var field = rest[..comma];
            rest = rest[(comma + 1)..];
            int at = 0;
            if (column < 3 && (!TryParseId(field, ref at, out _) || at != field.Length)) return RejectReason.NonNumericId;
            if (column == 3 && !TryBehavior(field, out _)) return RejectReason.UnknownBehavior;
        }
        return RejectReason.NonNumericTimestamp;
    }

    static bool TryParseTimestamp(ReadOnlySpan<byte> text, ref int at, out long value)
    {
        bool negative = at < text.Length && text[at] == (byte)'-';
        if (negative) at++;
        if (!TryParseId(text, ref at, out value)) return false;
        if (negative) value = -value;
        return true;
    }

    static bool TryParseBehavior(ReadOnlySpan<byte> text, ref int at, out Behavior behavior)
    {
        var rest = text[at..];
        int end = rest.IndexOf(Separator);
        if (end < 0) end = rest.Length;
        at += end;
        return TryBehavior(rest[..end], out behavior);
    }

    static bool TryBehavior(ReadOnlySpan<byte> token, out Behavior behavior)
    {
        behavior = Behavior.Pv;
        if (token.SequenceEqual("pv"u8)) return true;
        behavior = Behavior.Buy;
        if (token.SequenceEqual("buy"u8)) return true;
        behavior = Behavior.Cart;
        if (token.SequenceEqual("cart"u8)) return true;
        behavior = Behavior.Fav;
        return token.SequenceEqual("fav"u8);
    }
}
