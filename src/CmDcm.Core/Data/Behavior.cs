namespace CmDcm.Data;

/// <summary>The four user behaviors of the Taobao/Tmall logs (pv = a click on the item page).</summary>
public enum Behavior : byte
{
    Pv = 0,
    Fav = 1,
    Cart = 2,
    Buy = 3,
}
