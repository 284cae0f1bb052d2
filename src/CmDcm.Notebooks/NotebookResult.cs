namespace CmDcm.Notebooks;

/// <summary>How one notebook's run ended: its wall time, how many code cells ran, and the first failure if any.</summary>
public sealed record NotebookResult(int Cells, double Seconds, CellFailure? Failure);

/// <summary>The first failing code cell: its number counts code cells from 1, as a reader counts them in the notebook.</summary>
public sealed record CellFailure(int Cell, string Message);
