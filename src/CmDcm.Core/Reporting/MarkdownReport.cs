using System.Globalization;
using System.Text;
using CmDcm.Pipeline;

namespace CmDcm.Reporting;

/// <summary>results.md: Table 2 and Table 3 beside the paper's numbers, which orderings hold, the effect check, timings.</summary>
public static class MarkdownReport
{
    public static string Render(ReproductionReport report, RunManifest manifest)
    {
        var md = new StringBuilder();
        md.AppendLine($"# CM-DCM reproduction: {report.Dataset}");
        md.AppendLine();
        md.AppendLine($"Profile `{manifest.Config.Profile}`, calendar `{report.Calendar}`, split `{report.Split}`, seeds {string.Join(", ", manifest.Seeds)}, device {report.Device}, commit `{manifest.Commit}`.");
        md.AppendLine($"Evaluation: {report.Clicks.PrePromotionEval:N0} held-out pre-promotion clicks (fine-tuned on {report.Clicks.PrePromotionTrain:N0}; pre-trained on {report.Clicks.Regular:N0} regular-period clicks). "
            + "Cells are our mean ± std over seeds; ∗ marks CM-DCM where a paired t-test against the best baseline gives p < 0.05.");
        foreach (var table in new[] { PaperTables.Table2(report), PaperTables.Table3(report) }.Where(t => t.Rows.Count > 0))
        {
            md.AppendLine();
            md.AppendLine($"## {table.Title}");
            md.AppendLine();
            md.Append(PaperTables.Markdown(table));
        }
        var missing = report.Runs.Where(r => r.NotComputable != null).Select(r => $"- {r.Method} (seed {r.Seed}): {r.NotComputable}").Distinct().ToList();
        if (missing.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Metrics that could not be computed:");
            missing.ForEach(m => md.AppendLine(m));
        }
        if (report.Grid is { } grid)
        {
            md.AppendLine();
            md.AppendLine("## Loss weights chosen on the validation clicks");
            md.AppendLine();
            md.AppendLine($"CM-DCM candidates fitted on {grid.FitClicks:N0} training clicks and scored on {grid.ValidationClicks:N0} validation clicks carved from the training part; "
                + "the best AUC_delay wins (lower NLL_delay breaks ties), and CM-DCM and its ablations use it.");
            md.AppendLine();
            md.AppendLine("| α | λ_CM | λ_cf | AUC_delay | NLL_delay | |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var p in grid.Points)
                md.AppendLine($"| {p.Alpha.ToString(CultureInfo.InvariantCulture)} | {p.LambdaCm.ToString(CultureInfo.InvariantCulture)} | {p.LambdaCf.ToString(CultureInfo.InvariantCulture)} | "
                    + (p.Validation is { } v ? $"{F(v.AucDelay)} | {F(v.NllDelay)}" : $"{p.NotComputable} | ") + (p == grid.Chosen ? " | chosen |" : " | |"));
        }
        var verdicts = PaperTables.Verdicts(report);
        md.AppendLine();
        md.AppendLine("## Where our orderings agree with the paper's");
        md.AppendLine();
        if (verdicts.Count == 0) md.AppendLine("No ordering can be checked on this data: see the metrics that could not be computed.");
        foreach (var verdict in verdicts) md.AppendLine($"- {verdict}");
        var effects = report.Runs.Where(r => r.Effect != null && r.Method == Reproduction.CmDcm).ToList();
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

    static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
