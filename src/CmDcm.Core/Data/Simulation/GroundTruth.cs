using System.Globalization;

namespace CmDcm.Data.Simulation;

/// <summary>The simulator's `truth.csv` (header `user,item,click_ts,atc,p0,p1,y0,y1`), keyed by (user, item, click_ts).</summary>
public sealed class GroundTruth
{
    public const string Header = "user,item,click_ts,atc,p0,p1,y0,y1";

    readonly Dictionary<(long User, long Item, long ClickTs), ClickTruth> clicks;

    GroundTruth(Dictionary<(long, long, long), ClickTruth> clicks) => this.clicks = clicks;

    public int Count => clicks.Count;

    public IEnumerable<ClickTruth> Clicks => clicks.Values;

    public bool TryGet(long user, long item, long clickTs, out ClickTruth truth) => clicks.TryGetValue((user, item, clickTs), out truth);

    public ClickTruth this[long user, long item, long clickTs] => clicks[(user, item, clickTs)];

    public static GroundTruth Read(string path)
    {
        var clicks = new Dictionary<(long, long, long), ClickTruth>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (text.Trim() != Header) throw new InputError($"{path}: expected the header '{Header}', found '{text}'");
                continue;
            }
            if (text.Length == 0) continue;
            var parts = text.Split(',');
            if (parts.Length != 8
                || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var user)
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var item)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var clickTs)
                || !TryBit(parts[3], out var atc)
                || !double.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var p0)
                || !double.TryParse(parts[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var p1)
                || !TryBit(parts[6], out var y0)
                || !TryBit(parts[7], out var y1))
                throw new InputError($"{path}:{line}: expected '{Header}', found '{text}'");
            if (!clicks.TryAdd((user, item, clickTs), new ClickTruth(user, item, clickTs, atc, p0, p1, y0, y1)))
                throw new InputError($"{path}:{line}: a second row for the click ({user}, {item}, {clickTs})");
        }
        return new GroundTruth(clicks);
    }

    static bool TryBit(string text, out bool value)
    {
        value = text == "1";
        return text is "0" or "1";
    }
}
