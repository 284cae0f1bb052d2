namespace CmDcm.Labels;

/// <summary>Where a moment falls in a promotion cycle (paper §4.1).</summary>
public enum Period : byte
{
    Outside = 0,
    Regular = 1,
    PrePromotion = 2,
    Promotion = 3,
}
