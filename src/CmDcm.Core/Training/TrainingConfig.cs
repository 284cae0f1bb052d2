namespace CmDcm.Training;

/// <summary>Optimisation settings (model.md: Adagrad lr 0.001, batch 1024), all configuration.</summary>
public sealed record TrainingConfig
{
    public int Epochs { get; init; } = 1;
    public int BatchSize { get; init; } = 1024;
    public double LearningRate { get; init; } = 0.001;
    /// <summary>A .NET GC every this many steps releases native tensors whose managed handles are garbage (see docs/decisions.md).</summary>
    public int CollectEverySteps { get; init; } = 25;
}
