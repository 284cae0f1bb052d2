namespace CmDcm.Training;

/// <summary>A loss term became NaN or infinite: training stops and says where.</summary>
public sealed class TrainingDivergedException(string method, int epoch, int batch, string term, float value)
    : Exception($"{method}: loss term '{term}' is {value} at epoch {epoch}, batch {batch}; training stopped")
{
    public string Method { get; } = method;
    public int Epoch { get; } = epoch;
    public int Batch { get; } = batch;
    public string Term { get; } = term;
}
