using CmDcm.Data;
using CmDcm.Data.Simulation;
using System.Text;

namespace CmDcm.Labels;

/// <summary>
/// The click samples as CSV (identity, labels, t_v and split; the features stay in memory / Parquet).
/// A label that does not apply to the click's period is an empty field, not -1, so no reader can
/// mistake it for a value.
/// </summary>
public static class SamplesCsv
{
    public const string Header = "user,item,category,period,cycle,click_ts,y_cvr,y_atc,y_all,y_delay,atc,first_buy_ts,split";

    /// <summary>Writes to a temporary name and renames, so a crash never leaves a half-written file under the real name.</summary>
    public static void Write(ClickSamples samples, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        AtomicFile.Write(path, stream =>
        {
            // UTF-8 bytes formatted in place (no string per row): 50M rows write in seconds.
            var lines = new Utf8Lines();
            lines.Text(Encoding.UTF8.GetBytes(Header)).Char('\n');
            for (int i = 0; i < samples.Count; i++)
            {
                lines.Number(samples.User[i]).Char(',')
                    .Number(samples.Item[i]).Char(',')
                    .Number(samples.Category[i]).Char(',')
                    .Text(PeriodBytes(samples.Period[i])).Char(',')
                    .Number(samples.Cycle[i]).Char(',')
                    .Number(samples.ClickTs[i]).Char(',');
                Label(lines, samples.YCvr[i]);
                Label(lines, samples.YAtc[i]);
                Label(lines, samples.YAll[i]);
                Label(lines, samples.YDelay[i]);
                Label(lines, samples.Atc[i]);
                if (samples.FirstBuyTs[i] >= 0) lines.Number(samples.FirstBuyTs[i]);
                lines.Char(',').Text(SplitBytes(samples.Split[i])).Char('\n');
                if (lines.Length >= 1 << 20)
                {
                    lines.Write(stream);
                    lines.Clear();
                }
            }
            lines.Write(stream);
        });
    }

    public static string PeriodName(Period period) => period switch
    {
        Period.Regular => "regular",
        Period.PrePromotion => "pre",
        Period.Promotion => "promotion",
        _ => "outside",
    };

    public static string SplitName(SampleSplit split) => split switch
    {
        SampleSplit.Train => "train",
        SampleSplit.Eval => "eval",
        _ => "",
    };

    // The names as UTF-8, indexed by the enum value.
    static readonly byte[][] PeriodNames = Enum.GetValues<Period>().Select(p => Encoding.UTF8.GetBytes(PeriodName(p))).ToArray();
    static readonly byte[][] SplitNames = Enum.GetValues<SampleSplit>().Select(p => Encoding.UTF8.GetBytes(SplitName(p))).ToArray();

    static ReadOnlySpan<byte> PeriodBytes(Period period) => PeriodNames[(int)period];

    static ReadOnlySpan<byte> SplitBytes(SampleSplit split) => SplitNames[(int)split];

    static void Label(Utf8Lines lines, sbyte label)
    {
        if (label >= 0) lines.Char((char)('0' + label));
        lines.Char(',');
    }
}
