using System.Globalization;
using System.Text;
using CmDcm.Pipeline;

namespace CmDcm.Reporting;

/// <summary>
/// results.md: which data filled each of the paper's datasets, Table 2 (one column group per dataset) and Table 3
/// beside the paper's numbers, then per dataset which orderings hold, the loss-weight grid, the effect check, timings.
/// </summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<DatasetResults> results)
    {
        var md = new StringBuilder();
        md.AppendLine("# CM-DCM reproduction");
        md.AppendLine();
        md.AppendLine("Cells are our mean ± std over seeds; ∗ marks CM-DCM where a paired t-test against the best baseline gives p < 0.05. "
            + $"A dataset whose files were not given says \"{PaperTables.NotPresent}\".");
        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        foreach (var dataset in PaperDataset.All)
        {
            if (results.FirstOrDefault(r => r.Dataset == dataset) is not { } run)
            {
                md.AppendLine($"- **{dataset.Column}** (`{dataset.Name}`): {PaperTables.NotPresent}; `cmdcm reproduce {dataset.DataHint}`.");
                continue;
            }
            var (report, manifest) = (run.Report, run.Manifest);
            md.AppendLine($"- **{dataset.Column}** (`{dataset.Name}`): {run.Source}; profile `{manifest.Config.Profile}`, calendar `{report.Calendar}`, split `{report.Split}`, "
                + $"seeds {string.Join(", ", manifest.Seeds)}, device {report.Device}, commit `{manifest.Commit}`. "
                + $"Evaluation: {report.Clicks.PrePromotionEval:N0} held-out pre-promotion clicks (fine-tuned on {report.Clicks.PrePromotionTrain:N0}; pre-trained on {report.Clicks.Regular:N0} regular-period clicks).");
        }
        var table2 = PaperTables.Table2(results);
        md.AppendLine();
        md.AppendLine($"## {PaperTables.Table2Title}");
        md.AppendLine();
        md.Append(PaperTables.Markdown(table2));
        if (PaperTables.Table3(results) is { Rows.Count: > 0 } table3)
        {
            md.AppendLine();
            md.AppendLine($"## {table3.Title}");
            md.AppendLine();
            md.Append(PaperTables.Markdown(table3));
        }
        foreach (var run in results)
        {
            md.AppendLine();
            md.AppendLine($"## {run.Dataset.Column} (`{run.Dataset.Name}`, {run.Source})");
            Details(md, run.Report, run.Manifest);
        }
        return md.ToString();
    }

    /// <summary>One dataset's run: what could not be computed, the grid, the ordering verdicts, the effect check, timings.</summary>
    static void Details(StringBuilder md, ReproductionReport report, RunManifest manifest)
    {
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
            md.AppendLine("### Loss weights chosen on the validation clicks");
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
        md.AppendLine("### Where our orderings agree with the paper's");
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
    }

    static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
