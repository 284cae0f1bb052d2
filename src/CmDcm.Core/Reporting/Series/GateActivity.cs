using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using static TorchSharp.torch;

namespace CmDcm.Reporting;

/// <summary>
/// One user-activity group: clicks whose user had between <paramref name="MinEvents"/> and
/// <paramref name="MaxEvents"/> events before the click, and the mean personalised gate value of each gated
/// layer over them (<see cref="GateActivity.LayerNames"/> order; 1 = the frozen layer passed through unchanged).
/// </summary>
public sealed record GateGroup(double MinEvents, double MaxEvents, int Clicks, IReadOnlyList<double> MeanGate);

/// <summary>What the personalised gates (eq. 6-8) do for light and heavy users.</summary>
public static class GateActivity
{
    /// <summary>Names of <see cref="CmDcmModel.Gates"/>' layers for a tower of <paramref name="gatedLayers"/> layers.</summary>
    public static IReadOnlyList<string> LayerNames(int gatedLayers) =>
        Enumerable.Range(1, gatedLayers).Select(l => $"g_cvr^{l}").Concat(Enumerable.Range(1, gatedLayers).Select(l => $"g_atc^{l}")).ToList();

    /// <summary>
    /// Gate values of a trained CM-DCM on <paramref name="rows"/>, each click's gate averaged over the layer's
    /// units, then averaged within <paramref name="groups"/> groups of about equal size by the user's activity
    /// (pv + fav + cart + buy before the click). Empty when the model has no gates (the w/o PG ablation).
    /// </summary>
    public static IReadOnlyList<GateGroup> ByUserActivity(CmDcmModel model, BatchBuilder data, IReadOnlyList<int> rows, int groups = 5, int batchSize = 4096)
    {
        var s = data.Samples;
        double Activity(int i) => Enumerable.Range(0, ClickSamples.UserCountFields).Sum(f => (double)s.UserCounts[i * ClickSamples.UserCountFields + f]);
        var perClick = new List<double[]>(rows.Count);
        model.eval();
        using (no_grad())
            for (int start = 0; start < rows.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var chunk = rows.Skip(start).Take(batchSize).ToArray();
                using var batch = data.Build(chunk);
                var gates = model.Gates(batch).Select(g => g.mean([1]).to_type(ScalarType.Float64).cpu().data<double>().ToArray()).ToArray();
                if (gates.Length == 0) return [];
                for (int k = 0; k < chunk.Length; k++) perClick.Add(gates.Select(g => g[k]).ToArray());
            }
        var order = Enumerable.Range(0, rows.Count).OrderBy(k => Activity(rows[k])).ToArray();
        var result = new List<GateGroup>();
        int from = 0;
        for (int g = 1; g <= groups && from < order.Length; g++)
        {
            int to = Math.Max(from + 1, (int)((long)order.Length * g / groups));
            while (to < order.Length && Activity(rows[order[to]]) == Activity(rows[order[to - 1]])) to++;   // equal activity stays in one group
            var members = order[from..to];
            int layers = perClick[members[0]].Length;
            result.Add(new GateGroup(Activity(rows[members[0]]), Activity(rows[members[^1]]), members.Length,
                Enumerable.Range(0, layers).Select(l => members.Average(k => perClick[k][l])).ToList()));
            from = to;
        }
        return result;
    }
}
