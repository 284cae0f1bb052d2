using System.Globalization;
using System.Text;

namespace CmDcm.Data;

/// <summary>
/// The checks every format shares: timestamp and window rejects, the reject-rate limit, exact duplicates,
/// same-second ties, buys without pv, multi-category items and the per-day / per-behavior counts.
/// Rows arrive in file order; a user's contiguous rows (a "block", the Taobao layout) are checked together
/// and then appended to the table, so memory beyond the table stays small. If a user reappears later in
/// the file, the per-user checks are redone over the whole table at the end.
/// </summary>
public sealed class IngestCollector : IEventSink
{
    const int QuotedRejects = 10;
    /// <summary>The reject rate is enforced while reading only after this many rows, so a few early bad lines do not stop a run.</summary>
    const long EarlyCheckRows = 1_000_000;

    readonly string windowName;
    readonly long windowStart, windowEnd;
    readonly double rejectThreshold;
    readonly EventTable table;

    long rowsRead, emptyLines, duplicates, ties, buysWithoutPv, joinMisses;
    long outsideWindow, outsideMin = long.MaxValue, outsideMax = long.MinValue;
    readonly long[] rejects = new long[RejectReasons.All.Count];
    readonly List<RejectedLine> firstRejects = new();
    /// <summary>The quoted lines' raw bytes: the format suggestion parses these, not their escaped quotes.</summary>
    readonly List<byte[]> firstRejectBytes = new();
    readonly ItemCategories itemCategories = new();
    readonly UserBlockAnalyzer analyzer = new();
    readonly HashSet<long> finishedUsers = new();
    readonly KeptTally tally;
    bool usersContiguous = true;

    long blockUser;
    int blockCount;
    EventRow[] block = new EventRow[256];
    bool[] duplicateFlags = new bool[256];

    /// <param name="windowName">The calendar's name, for the report.</param>
    /// <param name="windowStart">First kept second (inclusive).</param>
    /// <param name="windowEnd">End of the window (exclusive).</param>
    /// <param name="rejectThreshold">Largest accepted fraction of rejected rows.</param>
    /// <param name="expectedRows">A capacity hint for the table.</param>
    public IngestCollector(string windowName, long windowStart, long windowEnd, double rejectThreshold, int expectedRows = 1024)
    {
        if (windowEnd <= windowStart) throw new ArgumentException("the window is empty");
        if (!(rejectThreshold >= 0 && rejectThreshold <= 1)) throw new InputError($"the reject threshold must be between 0 and 1, got {rejectThreshold.ToString(CultureInfo.InvariantCulture)}");
        this.windowName = windowName;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.rejectThreshold = rejectThreshold;
        table = new EventTable(expectedRows);
        tally = new KeptTally(windowStart, windowEnd);
    }

    /// <summary>The `--format` being read: a reject-limit error names another format that parses the rejected lines.</summary>
    public string Format { get; init; } = "";

    /// <summary>See <see cref="IEventReader.FiltersOutsideWindow"/>: out-of-window rows are counted, not rejected.</summary>
    public bool FilterOutsideWindow { get; init; }

    /// <summary>When set, each kept event's category is the item's category in this table (-1 for a join miss).</summary>
    public ProductTable? Products { get; init; }

    /// <summary>The file being read, quoted with rejects when a run reads several files (line numbers restart per file).</summary>
    public string? CurrentInput { get; set; }

    public void Accept(in CanonicalEvent e, long line, ReadOnlySpan<byte> text)
    {
        long ts = e.Timestamp;
        if (IsFiltered(ts))
        {
            Filtered(1, ts, ts);
            return;
        }
        if (TimestampReject(ts) is { } reason)
        {
            Reject(reason, line, text);
            return;
        }
        rowsRead++;
        long category = e.Category;
        if (Products != null)
        {
            // Joined after the window check, so the six months the calendar filters cost no lookup.
            if (Products.TryGetCategory(e.Item, out int joined)) category = joined;
            else
            {
                category = TmallReader.UnknownCategory;
                joinMisses++;
            }
        }
        if (!EventTable.Fits(e.User, e.Item, category, ts))
            throw new InputError($"{CurrentInput ?? "input"}, line {line}: user {e.User}, item {e.Item} or category {category} is above 2,147,483,647, which the event table's 32-bit columns do not hold");
        if (blockCount > 0 && e.User != blockUser) FlushBlock();
        if (blockCount == block.Length)
        {
            Array.Resize(ref block, block.Length * 2);
            duplicateFlags = new bool[block.Length];
        }
        blockUser = e.User;
        ref var row = ref block[blockCount];
        row.Item = e.Item;
        row.Category = category;
        row.Timestamp = ts;
        row.Behavior = e.Behavior;
        blockCount++;
    }

    /// <summary>Why a timestamp cannot be kept, or null inside the window [start, end).</summary>
    public RejectReason? TimestampReject(long ts) =>
        ts >= windowStart && ts < windowEnd ? null
        : ts < 0 ? RejectReason.TimestampNegative
        : ts == 0 ? RejectReason.TimestampZero
        : ts < windowStart ? RejectReason.TimestampBeforeWindow
        : RejectReason.TimestampAfterWindow;

    /// <summary>A valid time outside the window, for a format that filters by date (never true otherwise).</summary>
    public bool IsFiltered(long ts) => FilterOutsideWindow && ts > 0 && (ts < windowStart || ts >= windowEnd);

    /// <summary>Counts rows filtered by date (<see cref="IsFiltered"/>), with their time range for the report.</summary>
    public void Filtered(long count, long minTimestamp, long maxTimestamp)
    {
        rowsRead += count;
        outsideWindow += count;
        outsideMin = Math.Min(outsideMin, minTimestamp);
        outsideMax = Math.Max(outsideMax, maxTimestamp);
    }

    public void Reject(RejectReason reason, long line, ReadOnlySpan<byte> text)
    {
        rowsRead++;
        rejects[(int)reason]++;
        if (firstRejects.Count < QuotedRejects)
        {
            firstRejects.Add(new RejectedLine(line, reason.Text(), RejectedLine.Quote(text), CurrentInput));
            firstRejectBytes.Add(text.ToArray());
        }
        if (rowsRead >= EarlyCheckRows) CheckRejectRate();
    }

    public void EmptyLine(long line) => emptyLines++;

    /// <summary>
    /// The rows kept so far while every user has come in one block: then they are final (nothing read later
    /// changes them) and can be stored before the input ends. Null once a user came back, which sends the
    /// table through the global recheck at the end.
    /// </summary>
    internal EventTable? FinalRowsSoFar => usersContiguous ? table : null;

    /// <summary>Kept-window events whose item the product table lacks (they keep category -1).</summary>
    public long JoinMisses => joinMisses;

    /// <summary>Ends the input: runs the remaining checks and returns the kept events (file order) and the report.</summary>
    /// <param name="input">The input file name(s) for the report.</param>
    public (EventTable Events, IngestReport Report) Complete(string format, string input)
    {
        if (blockCount > 0) FlushBlock();
        if (rowsRead == 0) throw new InputError($"{input}: no data rows (empty file?)");
        CheckRejectRate();
        var events = usersContiguous ? table : RecheckUsersGlobally();
        return (events, BuildReport(events, format, input));
    }

    void FlushBlock()
    {
        if (!finishedUsers.Add(blockUser)) usersContiguous = false;
        var rows = block.AsSpan(0, blockCount);
        var duplicate = duplicateFlags.AsSpan(0, blockCount);
        duplicate.Clear();
        var facts = analyzer.Analyze(rows, duplicate);
        duplicates += facts.Duplicates;
        ties += facts.SameSecondTies;
        buysWithoutPv += facts.BuysWithoutEarlierPv;
        for (int i = 0; i < rows.Length; i++)
        {
            if (duplicate[i]) continue;
            ref readonly var row = ref rows[i];
            table.Add(blockUser, row.Item, row.Category, row.Behavior, row.Timestamp);
            tally.Add(row.Timestamp, row.Behavior);
            if (row.Category >= 0) itemCategories.Observe(row.Item, row.Category); // -1 = unknown, not a category
        }
        blockCount = 0;
    }

    /// <summary>
    /// The slow path for files whose users are not contiguous: group the whole table by user (file order
    /// within a user), redo the per-user checks and drop duplicates that were in different blocks.
    /// </summary>
    EventTable RecheckUsersGlobally()
    {
        int n = table.Count;
        var users = table.User.AsSpan(0, n).ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(users, order);
        var drop = new bool[n];
        ties = 0;
        buysWithoutPv = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && users[end] == users[start]) end++;
            Array.Sort(order, start, end - start); // back to file order within the user
            int count = end - start;
            var rows = new EventRow[count];
            for (int j = 0; j < count; j++)
            {
                int i = order[start + j];
                rows[j] = new EventRow { Item = table.Item[i], Category = table.Category[i], Timestamp = table.Timestamp[i], Behavior = table.Behavior[i] };
            }
            var duplicate = new bool[count];
            var facts = analyzer.Analyze(rows, duplicate);
            duplicates += facts.Duplicates;
            ties += facts.SameSecondTies;
            buysWithoutPv += facts.BuysWithoutEarlierPv;
            for (int j = 0; j < count; j++) drop[order[start + j]] = duplicate[j];
            start = end;
        }
        var kept = new EventTable(n);
        for (int i = 0; i < n; i++)
            if (!drop[i]) kept.Add(table.User[i], table.Item[i], table.Category[i], table.Behavior[i], table.Timestamp[i]);
        return kept;
    }

    long RejectCount => rejects.Sum();

    void CheckRejectRate()
    {
        long rejected = RejectCount;
        if (rejected <= rejectThreshold * rowsRead) return;
        var c = CultureInfo.InvariantCulture;
        var main = (RejectReason)Array.IndexOf(rejects, rejects.Max());
        var first = firstRejects[0];
        var other = EventReaders.SuggestFormat(firstRejectBytes, Format) is { } f ? $" The rejected lines parse as --format {f}." : "";
        var where = first.Input == null ? "" : first.Input + ", ";
        // Two decimals, or four where two would print the rate equal to the limit it exceeds.
        double rate = (double)rejected / rowsRead;
        var format = rate.ToString("P2", c) == rejectThreshold.ToString("P2", c) ? "P4" : "P2";
        throw new InputError(string.Create(c,
            $"{rejected:N0} of {rowsRead:N0} rows rejected ({rate.ToString(format, c)}), above the {rejectThreshold.ToString(format, c)} limit (--reject-threshold). " +
            $"Most are '{main.Text()}' ({rejects[(int)main]:N0}): likely {main.LikelyCause()}.{other} " +
            $"First reject, {where}line {first.Line} ({first.Reason}): '{first.Text}'"));
    }

    IngestReport BuildReport(EventTable events, string format, string input)
    {
        var report = new IngestReport
        {
            Format = format,
            Input = input,
            Calendar = windowName,
            WindowStart = windowStart,
            WindowEnd = windowEnd,
            RejectThreshold = rejectThreshold,
            RowsRead = rowsRead,
            RowsRejected = RejectCount,
            RowsKept = events.Count,
            EmptyLines = emptyLines,
            FirstRejects = firstRejects,
            DuplicatesRemoved = duplicates,
            SameSecondTies = ties,
            MultiCategoryItems = itemCategories.MultiCategoryItems,
            BuysWithoutEarlierPv = buysWithoutPv,
            UsersContiguous = usersContiguous,
            RowsOutsideWindow = outsideWindow,
        };
        if (outsideWindow > 0)
        {
            report.OutsideWindowMinTimeBeijing = FormatBeijing(outsideMin);
            report.OutsideWindowMaxTimeBeijing = FormatBeijing(outsideMax);
        }
        foreach (var reason in RejectReasons.All) report.RejectsByReason[reason.Text()] = rejects[(int)reason];

        // Counted while reading (in cache, beside the other per-row work) unless the global recheck dropped rows.
        var counts = events == table ? tally : KeptTally.Of(events, windowStart, windowEnd);
        var (perDay, perBehavior, min, max) = (counts.PerDay, counts.PerBehavior, counts.Min, counts.Max);
        for (int d = 0; d < perDay.Length; d++) // every window day, so an empty day shows as 0
            report.PerDay[BeijingTime.Date(BeijingTime.StartOfDay(windowStart) + d * BeijingTime.SecondsPerDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)] = perDay[d];
        foreach (var behavior in Enum.GetValues<Behavior>()) report.PerBehavior[behavior.ToString().ToLowerInvariant()] = perBehavior[(int)behavior];
        if (events.Count > 0)
        {
            report.MinTimestamp = min;
            report.MaxTimestamp = max;
            report.MinTimeBeijing = FormatBeijing(min);
            report.MaxTimeBeijing = FormatBeijing(max);
        }
        return report;
    }

    /// <summary>Kept events per window day and per behavior, and their time range.</summary>
    sealed class KeptTally(long windowStart, long windowEnd)
    {
        // Kept timestamps lie in the window, so days are an index from the window's first Beijing day.
        readonly long firstDay = BeijingTime.DayIndex(windowStart);
        public readonly long[] PerDay = new long[BeijingTime.DayIndex(windowEnd - 1) - BeijingTime.DayIndex(windowStart) + 1];
        public readonly long[] PerBehavior = new long[4];
        public long Min = long.MaxValue, Max = long.MinValue;

        public void Add(long ts, Behavior behavior)
        {
            if (ts < Min) Min = ts;
            if (ts > Max) Max = ts;
            PerDay[BeijingTime.DayIndex(ts) - firstDay]++;
            PerBehavior[(int)behavior]++;
        }

        public static KeptTally Of(EventTable events, long windowStart, long windowEnd)
        {
            var tally = new KeptTally(windowStart, windowEnd);
            for (int i = 0; i < events.Count; i++) tally.Add(events.Timestamp[i], events.Behavior[i]);
            return tally;
        }
    }

    static string FormatBeijing(long timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp).ToOffset(BeijingTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
