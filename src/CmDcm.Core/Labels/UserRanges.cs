using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// Cuts an order grouped by user (<see cref="EventOrder.ByUserTime"/>) into contiguous parts of about equal
/// size, each starting at a user's first event, so threads can work on whole users. The parts depend only on
/// the data and the part count, and the results are put back together in part order, so the output does not
/// depend on scheduling.
/// </summary>
internal static class UserRanges
{
    /// <summary>The bounds of <paramref name="parts"/> ranges: range p is [bounds[p], bounds[p + 1]).</summary>
    public static int[] Split(EventTable events, int[] byUserTime, int parts)
    {
        int n = byUserTime.Length;
        var bounds = new int[parts + 1];
        bounds[parts] = n;
        for (int p = 1; p < parts; p++)
        {
            int at = Math.Max(bounds[p - 1], (int)((long)n * p / parts));
            while (at > bounds[p - 1] && at < n && events.User[byUserTime[at]] == events.User[byUserTime[at - 1]]) at++;
            bounds[p] = at;
        }
        return bounds;
    }
}
