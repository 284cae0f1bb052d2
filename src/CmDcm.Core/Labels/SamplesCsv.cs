using System.Globalization;
using System.Text;
using CmDcm.Data;

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
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            writer.NewLine = "\n";
            writer.WriteLine(Header);
            var line = new StringBuilder(128);
            for (int i = 0; i < samples.Count; i++)
            {
                line.Clear();
                line.Append(samples.User[i]).Append(',')
                    .Append(samples.Item[i]).Append(',')
                    .Append(samples.Category[i]).Append(',')
                    .Append(PeriodName(samples.Period[i])).Append(',')
                    .Append(samples.Cycle[i]).Append(',')
                    .Append(samples.ClickTs[i]).Append(',');
                AppendLabel(line, samples.YCvr[i]);
                AppendLabel(line, samples.YAtc[i]);
                AppendLabel(line, samples.YAll[i]);
                AppendLabel(line, samples.YDelay[i]);
                AppendLabel(line, samples.Atc[i]);
                if (samples.FirstBuyTs[i] >= 0) line.Append(samples.FirstBuyTs[i].ToString(CultureInfo.InvariantCulture));
                line.Append(',').Append(SplitName(samples.Split[i]));
                writer.WriteLine(line);
            }
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

    static void AppendLabel(StringBuilder line, sbyte label)
    {
        if (label >= 0) line.Append((int)label);
        line.Append(',');
    }
}
