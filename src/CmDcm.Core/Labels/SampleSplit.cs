namespace CmDcm.Labels;

/// <summary>Which side of the 80/20 split a pre-promotion click is on (regular clicks: None).</summary>
public enum SampleSplit : byte
{
    None = 0,
    Train = 1,
    Eval = 2,
}
