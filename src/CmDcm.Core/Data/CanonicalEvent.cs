namespace CmDcm.Data;

/// <summary>One parsed event before the window, duplicate and reject checks (spec data.md §1).</summary>
public readonly record struct CanonicalEvent(long User, long Item, long Category, Behavior Behavior, long Timestamp);
