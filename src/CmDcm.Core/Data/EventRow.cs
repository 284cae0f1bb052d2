namespace CmDcm.Data;

/// <summary>One event of a user's block (the user is the block's); blocks keep file order.</summary>
internal struct EventRow
{
    public long Item;
    public long Category;
    public long Timestamp;
    public Behavior Behavior;
}
