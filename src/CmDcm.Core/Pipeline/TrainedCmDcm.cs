using CmDcm.Features;
using CmDcm.Models;

namespace CmDcm.Pipeline;

/// <summary>A trained CM-DCM loaded from the run cache, the data it was trained on and the evaluation clicks' rows.</summary>
public sealed record TrainedCmDcm(PreparedData Data, CmDcmModel Model, BatchBuilder Batches, int[] Eval);
