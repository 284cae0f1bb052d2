using CmDcm.Features;

namespace CmDcm.Training.Streams;

/// <summary>One row of a delayed-feedback stream: which click, the label observed at emit time, what the row is, when.</summary>
public readonly record struct StreamRow(int Row, float Label, FeedbackKind Kind, long EmitTime);
