namespace CmDcm.Labels;

/// <summary>How pre-promotion clicks are divided into historical (Train) and evaluation (Eval) clicks.</summary>
public enum SplitMode
{
    /// <summary>Each click independently, 80/20 with a fixed seed (paper §4.1).</summary>
    Random,
    /// <summary>Each user entirely on one side, so no user is seen in both training and evaluation.</summary>
    User,
    /// <summary>Multi-cycle calendars: the last cycle's pre-promotion clicks are Eval, earlier cycles' Train.</summary>
    LastCycle,
}

/// <summary>The split of pre-promotion clicks; the same options always give the same split.</summary>
public sealed record SplitOptions(SplitMode Mode = SplitMode.Random, ulong Seed = SplitOptions.DefaultSeed, double EvalFraction = 0.2)
{
    public const ulong DefaultSeed = 42;

    public static SplitMode ParseMode(string text) => text switch
    {
        "random" => SplitMode.Random,
        "user" => SplitMode.User,
        "last-cycle" => SplitMode.LastCycle,
        _ => throw new InputError($"unknown split '{text}': use random, user or last-cycle"),
    };

    public static string Name(SplitMode mode) => mode switch
    {
        SplitMode.Random => "random",
        SplitMode.User => "user",
        _ => "last-cycle",
    };
}
