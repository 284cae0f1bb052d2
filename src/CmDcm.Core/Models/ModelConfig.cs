using CmDcm.Features;

namespace CmDcm.Models;

/// <summary>Architecture and loss weights (model.md §1-4); every value is configuration, not a constant.</summary>
public sealed record ModelConfig
{
    public EncoderConfig Encoder { get; init; } = new();
    public int[] Hidden { get; init; } = [512, 256, 128];
    public int[] GateHidden { get; init; } = [128, 64];
    public int HeadHidden { get; init; } = 64;
    /// <summary>α of eq. 5, weight of the all-conversion task; 0 is the ablation "w/o All-cvr".</summary>
    public double Alpha { get; init; } = 1.0;
    /// <summary>λ_CM of eq. 11; 0 is the ablation "w/o CM".</summary>
    public double LambdaCm { get; init; } = 1.0;
    /// <summary>λ_cf of eq. 11, weight of the imputation and effect heads' own losses.</summary>
    public double LambdaCf { get; init; } = 0.1;
    /// <summary>"bounded": p_delay = (1 - p_cvr) σ(z) (our default); "sum": the paper's literal p_all = p_cvr + p_delay, clamped.</summary>
    public string DelayHead { get; init; } = "bounded";
    /// <summary>"dr-learner" (default), "escm2-dr", or "none" (the ablation "w/o CCRA").</summary>
    public string Counterfactual { get; init; } = "dr-learner";
    /// <summary>false is the ablation "w/o PG": gates replaced by the constant 1.</summary>
    public bool PersonalizedGates { get; init; } = true;
    public double PropensityClip { get; init; } = 0.02;
}
