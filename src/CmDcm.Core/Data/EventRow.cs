namespace CmDcm.Data;

/// <summary>A kept event of one user's block with its position in file order (<see cref="Order"/>).</summary>
internal struct EventRow
{
    public long Item;
    public long Category;
    public long Timestamp;
    public int Order;
    public Behavior Behavior;
}
