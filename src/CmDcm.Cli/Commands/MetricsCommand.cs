using System.Globalization;
using CmDcm.Evaluation;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm metrics`: AUC, NLL, PR-AUC and calibration of a `label,score` CSV, to check against other tools.</summary>
public sealed class MetricsCommand : ICommand
{
    public string Name => "metrics";
    public string Summary => "exact AUC, NLL, PR-AUC and calibration of a label,score CSV";

    public int Run(CommandOptions options)
    {
        var input = options.Required("input");
        options.RejectUnknown();
        if (Directory.Exists(input)) throw new InputError($"{input} is a directory; give a label,score CSV file");
        if (!File.Exists(input)) throw new InputError($"{input}: no such file");
        var (labels, scores) = Read(input);
        try
        {
            var name = Path.GetFileName(input);
            int positives = labels.Count(l => l == 1);
            Console.WriteLine($"rows      {labels.Length} ({positives} positive)");
            Console.WriteLine($"AUC       {Format(Metrics.Auc(labels, scores, $"AUC on {name}"))}");
            Console.WriteLine($"PR-AUC    {Format(Metrics.AveragePrecision(labels, scores, $"PR-AUC on {name}"))}");
            if (scores.All(s => s is >= 0 and <= 1))
            {
                Console.WriteLine($"NLL       {Format(Metrics.Nll(labels, scores, $"NLL on {name}"))}");
                Console.WriteLine($"calib.    {Format(Metrics.Calibration(labels, scores, $"calibration on {name}"))}");
            }
            else Console.WriteLine("NLL       n/a (scores are not probabilities in [0, 1])");
        }
        catch (MetricError e)
        {
            throw new InputError(e.Message);
        }
        return 0;
    }

    static string Format(double value) => value.ToString("F12", CultureInfo.InvariantCulture);

    static (sbyte[] Labels, double[] Scores) Read(string path)
    {
        var labels = new List<sbyte>();
        var scores = new List<double>();
        int labelColumn = -1, scoreColumn = -1, line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var parts = text.Split(',');
            if (line == 1)
            {
                labelColumn = Array.IndexOf(parts, "label");
                scoreColumn = Array.IndexOf(parts, "score");
                if (labelColumn < 0 || scoreColumn < 0) throw new InputError($"{path}: expected a header with columns 'label' and 'score', found '{text}'");
                continue;
            }
            if (text.Length == 0) continue;
            if (parts.Length <= Math.Max(labelColumn, scoreColumn)
                || !double.TryParse(parts[labelColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var label)
                || label is not (0 or 1)
                || !double.TryParse(parts[scoreColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
                throw new InputError($"{path}:{line}: expected a 0/1 label and a numeric score, found '{text}'");
            labels.Add((sbyte)label);
            scores.Add(score);
        }
        return (labels.ToArray(), scores.ToArray());
    }
}
