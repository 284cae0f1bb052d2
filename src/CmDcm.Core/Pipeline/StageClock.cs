using System.Diagnostics;

namespace CmDcm.Pipeline;

/// <summary>Wall time per pipeline stage (summed over seeds), reported as each stage ends.</summary>
public sealed class StageClock(IProgress<string>? progress)
{
    readonly Dictionary<string, double> seconds = new();

    public IReadOnlyDictionary<string, double> Seconds => seconds;

    public T Time<T>(string stage, Func<T> work)
    {
        progress?.Report($"[{stage}] ...");
        var clock = Stopwatch.StartNew();
        var result = work();
        seconds[stage] = seconds.GetValueOrDefault(stage) + clock.Elapsed.TotalSeconds;
        progress?.Report($"[{stage}] done in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }
}
