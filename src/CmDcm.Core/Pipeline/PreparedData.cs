using CmDcm.Data;
using CmDcm.Data.Simulation;
using CmDcm.Labels;

namespace CmDcm.Pipeline;

/// <summary>A run's data before any training: the files, the ingested events with their report, the labelled clicks and, on the simulator, the true effects.</summary>
public sealed record PreparedData(DatasetFiles Dataset, IngestResult Ingest, ClickSamples Samples, GroundTruth? Truth)
{
    public required PromotionCalendar Calendar { get; init; }
}
