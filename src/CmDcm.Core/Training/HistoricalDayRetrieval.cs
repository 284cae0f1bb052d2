using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Training;

/// <summary>HDR's knobs (baselines.md, HDR); defaults are our choice, the paper gives none.</summary>
public sealed record HdrOptions
{
    /// <summary>How many of the most similar historical days are reused (Taobao has only 3 candidates, so all of them).</summary>
    public int ReusedDays { get; init; } = 6;
    /// <summary>The day vector holds the exposure (click) share of this many most-clicked categories.</summary>
    public int TopCategories { get; init; } = 8;
    /// <summary>Multi-event calendars: regular days this close to a past event (before its pre-promotion, after its promotion) are candidates too.</summary>
    public int AdjacentDays { get; init; } = 2;
    /// <summary>Epochs of the shift classifier q before it is frozen ("trained briefly").</summary>
    public int ShiftEpochs { get; init; } = 1;
}

/// <summary>One historical day: its Beijing date, cycle, period, its training clicks and its day vector.</summary>
public sealed record HistoricalDay(DateOnly Date, int Cycle, Period Period, int[] Rows, double[] Vector, double Similarity);

/// <summary>
/// What HDR reuses: the target rows (what the shift classifier calls target-period), the target day vector,
/// every candidate day ranked by cosine similarity to it (most similar first), and the top ones reused.
/// </summary>
public sealed record HdrRetrieval(int EvalCycle, int[] TargetRows, double[] TargetVector, IReadOnlyList<HistoricalDay> Ranked, IReadOnlyList<HistoricalDay> Reused)
{
    public int[] ReusedRows => Reused.SelectMany(d => d.Rows).Order().ToArray();
}

/// <summary>
/// HDR part (1), retrieval (Chan et al. 2023; no public code, our reading): a day is the vector
/// (same-day CVR, ATC rate, exposure shares of the top categories) of its clicks; historical days are ranked
/// by cosine similarity to the target pre-promotion days and the top ones reused.
/// </summary>
public static class HistoricalDayRetrieval
{
    /// <summary>Cosine similarity; 0 when either vector is all zeros (such a day resembles nothing).</summary>
    public static double Cosine(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"vectors of different lengths {a.Count} and {b.Count}");
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.Count; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>Candidate indices by descending similarity to the target; ties keep the candidates' order.</summary>
    public static int[] Rank(IReadOnlyList<IReadOnlyList<double>> candidates, IReadOnlyList<double> target) =>
        Enumerable.Range(0, candidates.Count).OrderByDescending(k => Cosine(candidates[k], target)).ToArray();

    /// <summary>
    /// The day vector of a set of clicks: [same-day CVR, ATC rate, share of clicks in each top category].
    /// Same-day CVR is y_cvr for a regular click and the direct purchase (y_all and not y_delay) for a
    /// pre-promotion click, so regular and pre-promotion days are measured alike and no promotion-day purchase
    /// enters the vector. ATC rate is y_atc (regular) or T (pre-promotion).
    /// </summary>
    public static double[] DayVector(ClickSamples s, IReadOnlyList<int> rows, IReadOnlyList<long> topCategories)
    {
        var vector = new double[2 + topCategories.Count];
        if (rows.Count == 0) return vector;
        var slot = new Dictionary<long, int>();
        for (int k = 0; k < topCategories.Count; k++) slot[topCategories[k]] = 2 + k;
        foreach (int i in rows)
        {
            bool prePromotion = s.Period[i] == Period.PrePromotion;
            if (prePromotion ? s.YAll[i] == 1 && s.YDelay[i] != 1 : s.YCvr[i] == 1) vector[0]++;
            if ((prePromotion ? s.Atc[i] : s.YAtc[i]) == 1) vector[1]++;
            if (slot.TryGetValue(s.Category[i], out int c)) vector[c]++;
        }
        for (int k = 0; k < vector.Length; k++) vector[k] /= rows.Count;
        return vector;
    }

    /// <summary>The most-clicked categories of the rows (ties: smaller id first, so the result is deterministic).</summary>
    public static long[] TopCategories(ClickSamples s, IEnumerable<int> rows, int count) =>
        rows.GroupBy(i => s.Category[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(count).Select(g => (long)g.Key).ToArray();

    /// <summary>
    /// The label a reused click trains on: y_all for a pre-promotion click; a regular click has no promotion
    /// ahead of it, so its same-day conversion y_cvr stands in.
    /// </summary>
    public static float ReuseLabel(ClickSamples s, int row) => s.Period[row] == Period.PrePromotion ? s.YAll[row] : s.YCvr[row];

    /// <summary>
    /// Ranks the candidate days against the eval cycle's (the last cycle's) pre-promotion days. Target rows are
    /// that cycle's pre-promotion Train clicks; when the split leaves none (last-cycle split) they fall back to
    /// all of its pre-promotion clicks, whose features and same-day aggregates are read, never y_all.
    /// Candidates are the Train pre-promotion clicks of every cycle up to the eval cycle (on a one-event
    /// calendar, the historical 80 % only, as the paper says) and, on a multi-event calendar, regular days
    /// within <see cref="HdrOptions.AdjacentDays"/> of a past event.
    /// </summary>
    public static HdrRetrieval Retrieve(ClickSamples s, PromotionCalendar calendar, HdrOptions options)
    {
        if (options.ReusedDays < 1) throw new InputError($"HDR needs at least one reused day, got {options.ReusedDays}");
        int evalCycle = calendar.Cycles.Count - 1;
        var target = s.Where(i => s.Cycle[i] == evalCycle && s.Period[i] == Period.PrePromotion && s.Split[i] == SampleSplit.Train);
        if (target.Length == 0) target = s.Where(i => s.Cycle[i] == evalCycle && s.Period[i] == Period.PrePromotion);
        if (target.Length == 0) throw new InputError($"HDR: no pre-promotion clicks in the evaluation cycle {evalCycle + 1} of calendar '{calendar.Name}'");

        var candidates = s.Where(i => IsCandidate(s, calendar, evalCycle, options.AdjacentDays, i));
        var top = TopCategories(s, target.Concat(candidates), options.TopCategories);
        var targetVector = DayVector(s, target, top);
        var days = candidates.GroupBy(i => BeijingTime.DayIndex(s.ClickTs[i])).OrderBy(g => g.Key).Select(g =>
        {
            var rows = g.ToArray();
            var vector = DayVector(s, rows, top);
            return new HistoricalDay(BeijingTime.Date(s.ClickTs[rows[0]]), s.Cycle[rows[0]], s.Period[rows[0]], rows, vector, Cosine(vector, targetVector));
        }).ToList();
        var ranked = Rank(days.Select(d => (IReadOnlyList<double>)d.Vector).ToList(), targetVector).Select(k => days[k]).ToList();
        return new HdrRetrieval(evalCycle, target, targetVector, ranked, ranked.Take(options.ReusedDays).ToList());
    }

    static bool IsCandidate(ClickSamples s, PromotionCalendar calendar, int evalCycle, int adjacentDays, int i)
    {
        int c = s.Cycle[i];
        if (c < 0 || c > evalCycle) return false;
        if (s.Period[i] == Period.PrePromotion) return s.Split[i] == SampleSplit.Train; // eval clicks are never reused
        if (s.Period[i] != Period.Regular || calendar.Cycles.Count == 1) return false;
        long span = adjacentDays * BeijingTime.SecondsPerDay, t = s.ClickTs[i];
        bool beforePastEvent = c < evalCycle && t >= calendar.Cycles[c].PrePromotionStart - span;
        bool afterPastEvent = c > 0 && t < calendar.Cycles[c - 1].PromotionEnd + span;
        return beforePastEvent || afterPastEvent;
    }
}
