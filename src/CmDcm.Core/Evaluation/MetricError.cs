namespace CmDcm.Evaluation;

/// <summary>A metric asked of a set it is undefined on (empty, one class, bad values): an error, never NaN.</summary>
public sealed class MetricError(string message) : Exception(message);
