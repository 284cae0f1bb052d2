using CmDcm.Features;

namespace CmDcm.Training;

/// <summary>Rows of a click table, shuffled every epoch: how the pre-trained model and CM-DCM train.</summary>
public sealed class RowBatches(BatchBuilder data, int[] rows) : IBatchSource
{
    public int Count => rows.Length;
    public bool Shuffle => true;

    public Batch Build(ReadOnlySpan<int> positions)
    {
        var selected = new int[positions.Length];
        for (int k = 0; k < positions.Length; k++) selected[k] = rows[positions[k]];
        return data.Build(selected);
    }
}
