using CmDcm.Features;

namespace CmDcm.Training.Streams;

/// <summary>
/// Stream rows as batches: each row's click features plus its observed label and kind (Batch.StreamLabel,
/// Batch.StreamKind). A stream is consumed in emit-time order; fully-labelled outcome rows may be shuffled.
/// </summary>
public sealed class StreamBatches(BatchBuilder data, StreamRow[] rows, bool shuffle = false) : IBatchSource
{
    public int Count => rows.Length;
    public bool Shuffle => shuffle;

    public Batch Build(ReadOnlySpan<int> positions)
    {
        int n = positions.Length;
        var clicks = new int[n];
        var labels = new float[n];
        var kinds = new long[n];
        for (int k = 0; k < n; k++)
        {
            var row = rows[positions[k]];
            clicks[k] = row.Row;
            labels[k] = row.Label;
            kinds[k] = (long)row.Kind;
        }
        return data.Build(clicks, labels, kinds);
    }
}
