using System.Globalization;
using System.Text;
using CmDcm.Evaluation;
using CmDcm.Pipeline;

namespace CmDcm.Reporting;

/// <summary>The run's table in Markdown: our mean ± std over seeds beside the paper's Taobao numbers.</summary>
public static class MarkdownReport
{
    static readonly (string Name, Func<DelayMetrics, double> Value, Func<PaperResults.Cell, double> Paper, bool HigherIsBetter)[] Columns =
    [
        ("AUC_delay", m => m.AucDelay, p => p.AucDelay, true),
        ("AUC_all", m => m.AucAll, p => p.AucAll, true),
        ("NLL_delay", m => m.NllDelay, p => p.NllDelay, false),
    ];

    public static string Render(ReproductionReport report, RunManifest manifest)
    {
        var md = new StringBuilder();
        md.AppendLine($"# CM-DCM reproduction: {report.Dataset}");
        md.AppendLine();
        md.AppendLine($"Profile `{manifest.Config.Profile}`, calendar `{report.Calendar}`, split `{report.Split}`, seeds {string.Join(", ", manifest.Seeds)}, device {report.Device}, commit `{manifest.Commit}`.");
        md.AppendLine($"Evaluation: {report.Clicks.PrePromotionEval:N0} held-out pre-promotion clicks (trained on {report.Clicks.PrePromotionTrain:N0}; pre-trained on {report.Clicks.Regular:N0} regular-period clicks).");
        md.AppendLine();
        md.AppendLine("| method | " + string.Join(" | ", Columns.Select(c => $"{c.Name} (ours) | {c.Name} (paper, Taobao)")) + " |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|---:|", Columns.Length)));
        foreach (var method in report.Methods)
        {
            PaperResults.Table2.TryGetValue(method, out var paperRow);
            var cells = Columns.Select(c =>
            {
                var ours = report.Summary(method, c.Value);
                var text = ours is { } s ? (s.Runs > 1 ? $"{F(s.Mean)} ± {F(s.Std)}" : F(s.Mean)) : "n/a";
                var paper = paperRow != null ? F(c.Paper(paperRow["Taobao"])) : "";
                return $"{text} | {paper}";
            });
            md.AppendLine($"| {method} | {string.Join(" | ", cells)} |");
        }
        var missing = report.Runs.Where(r => r.NotComputable != null).Select(r => $"- {r.Method} (seed {r.Seed}): {r.NotComputable}").Distinct().ToList();
        if (missing.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Metrics that could not be computed:");
            missing.ForEach(m => md.AppendLine(m));
        }
        md.AppendLine();
        md.AppendLine(Verdict(report));
        var effects = report.Runs.Where(r => r.Effect != null).ToList();
        if (effects.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Add-to-cart effect (simulator ground truth, evaluation clicks): " + string.Join("; ", effects.Select(r =>
                $"seed {r.Seed}: estimated mean τ {F(r.Effect!.MeanEstimated)} vs true {F(r.Effect.MeanTrue)}, Pearson r {F(r.Effect.Pearson)} over {r.Effect.Clicks:N0} clicks")) + ".");
        }
        md.AppendLine();
        md.AppendLine("Wall time per stage (s): " + string.Join(", ", manifest.StageSeconds.Select(p => $"{p.Key} {p.Value.ToString("F1", CultureInfo.InvariantCulture)}")) + ".");
        return md.ToString();
    }

    /// <summary>The paper's claim for this pair of rows, checked on our numbers and said plainly.</summary>
    static string Verdict(ReproductionReport report)
    {
        var ours = report.Summary(Reproduction.CmDcm, m => m.AucDelay);
        var baseline = report.Summary(Reproduction.PreTrained, m => m.AucDelay);
        var oursNll = report.Summary(Reproduction.CmDcm, m => m.NllDelay);
        var baselineNll = report.Summary(Reproduction.PreTrained, m => m.NllDelay);
        if (ours == null || baseline == null || oursNll == null || baselineNll == null)
            return "The paper's ordering (CM-DCM above the pre-trained model) cannot be checked on this data: see the metrics that could not be computed.";
        bool auc = ours.Value.Mean > baseline.Value.Mean, nll = oursNll.Value.Mean < baselineNll.Value.Mean;
        return (auc, nll) switch
        {
            (true, true) => $"As in the paper, CM-DCM beats the pre-trained daily model on AUC_delay ({F(ours.Value.Mean)} vs {F(baseline.Value.Mean)}) and NLL_delay ({F(oursNll.Value.Mean)} vs {F(baselineNll.Value.Mean)}).",
            _ => $"Unlike the paper, CM-DCM does not beat the pre-trained daily model on {(auc ? "" : "AUC_delay")}{(!auc && !nll ? " and " : "")}{(nll ? "" : "NLL_delay")} here (AUC_delay {F(ours.Value.Mean)} vs {F(baseline.Value.Mean)}, NLL_delay {F(oursNll.Value.Mean)} vs {F(baselineNll.Value.Mean)}).",
        };
    }

    static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
