using System.Text.Json.Serialization;

namespace CmDcm.Training;

/// <summary>Mean of every loss term per epoch, and the throughput, for loss curves and the run manifest.</summary>
public sealed class TrainingHistory
{
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] // read back from the run cache
    public List<Dictionary<string, double>> Epochs { get; } = new();
    public long Samples { get; set; }
    public double Seconds { get; set; }
    public double SamplesPerSecond => Seconds > 0 ? Samples / Seconds : 0;
}
