using System.Globalization;
using CmDcm.Labels;
using CmDcm.Training;

namespace CmDcm.Pipeline;

/// <summary>
/// Runs the α / λ_CM / λ_cf grid (model.md §4): each candidate CM-DCM fits the training clicks less a
/// carved validation part and is scored there; the best AUC_delay wins (lower NLL_delay breaks a tie).
/// Each finished candidate is kept in the run cache, so a killed search resumes where it stopped.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>Seeds the validation carve apart from the 80/20 split, so it is not the same hash again.</summary>
    const ulong CarveSalt = 0x6772_6964UL;

    public static GridSearchResult Run(HyperparameterGrid grid, MethodContext context, ulong splitSeed, RunCache cache)
    {
        var (fit, validation) = SampleSplitter.Carve(context.Samples, context.PrePromotionTrain, splitSeed ^ CarveSalt, grid.ValidationShare);
        var fitting = context with { FitRows = fit, Seed = grid.Seed };
        var points = new List<GridPoint>();
        foreach (var candidate in grid.Candidates(context.Model))
        {
            var name = $"grid alpha={N(candidate.Alpha)} lambda_cm={N(candidate.LambdaCm)} lambda_cf={N(candidate.LambdaCf)}";
            if (!cache.TryLoad(name, grid.Seed, out var run))
            {
                context.Progress?.Report($"{name}: fitting {fit.Length:N0} clicks, validating on {validation.Length:N0}");
                var trained = MethodRegistry.Train(Reproduction.CmDcm, fitting with { Model = candidate });
                run = MethodEvaluation.Evaluate(name, trained.Model, trained.History, context.Data, validation, grid.Seed, truth: null);
                cache.Save(run);
            }
            points.Add(new GridPoint(candidate.Alpha, candidate.LambdaCm, candidate.LambdaCf, run.Metrics, run.NotComputable));
            context.Progress?.Report($"{name}: validation " + (run.Metrics is { } m ? $"AUC_delay {m.AucDelay:F4}, NLL_delay {m.NllDelay:F4}" : run.NotComputable));
        }
        return new GridSearchResult(fit.Length, validation.Length, points, Choose(points));
    }

    /// <summary>The best validation AUC_delay, then the lower NLL_delay; the first candidate when none is computable.</summary>
    public static GridPoint Choose(IReadOnlyList<GridPoint> points) =>
        points.Where(p => p.Validation != null)
            .OrderByDescending(p => p.Validation!.AucDelay).ThenBy(p => p.Validation!.NllDelay)
            .FirstOrDefault() ?? points[0];

    static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
