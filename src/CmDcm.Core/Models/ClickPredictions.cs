using static TorchSharp.torch;

namespace CmDcm.Models;

/// <summary>model.md §3.4: every model gives p_delay and p_all; single-head models give their one probability for both.</summary>
public sealed record ClickPredictions(Tensor PDelay, Tensor PAll, Tensor? PCvr = null, Tensor? PAtc = null, Tensor? Tau = null);
