using Parquet;
using Parquet.Schema;

namespace CmDcm.Data;

/// <summary>
/// Events as columnar Parquet (`events.parquet`, spec data.md §1): int64 user, item, category and ts,
/// int32 behavior code (0 pv, 1 fav, 2 cart, 3 buy, as <see cref="Behavior"/>), row groups of 1,048,576 rows.
/// Written atomically.
/// </summary>
public static class EventStore
{
    public const string FileName = "events.parquet";
    public const int RowGroupSize = 1 << 20;
    const string BehaviorCodesKey = "cmdcm.behavior_codes";
    const string BehaviorCodes = "0=pv,1=fav,2=cart,3=buy";

    static readonly DataField<long> UserField = new("user");
    static readonly DataField<long> ItemField = new("item");
    static readonly DataField<long> CategoryField = new("category");
    static readonly DataField<int> BehaviorField = new("behavior");
    static readonly DataField<long> TimestampField = new("ts");
    static readonly ParquetSchema Schema = new(UserField, ItemField, CategoryField, BehaviorField, TimestampField);

    /// <summary>Writes the events atomically (through the same row-group writer an ingest streams into).</summary>
    public static void Write(EventTable events, string path)
    {
        using var writer = new EventStoreWriter(path);
        writer.Complete(events);
    }

    // Task.Run: the synchronous wrapper must not capture a caller's synchronization context.
    public static EventTable Read(string path) => Task.Run(() => ReadAsync(path)).GetAwaiter().GetResult();

    /// <summary>
    /// Reads an events file; a missing, truncated or corrupt one is an <see cref="InputError"/> naming the file, whatever
    /// Parquet.Net threw (its exceptions for a damaged footer or page vary: IO, format, range, Thrift errors).
    /// </summary>
    public static async Task<EventTable> ReadAsync(string path)
    {
        if (Directory.Exists(path)) throw new InputError($"{path} is a directory; give the {FileName} file itself");
        if (!File.Exists(path)) throw new InputError($"{path}: no such events file");
        try { return await ReadStoreAsync(path); }
        catch (Exception e) when (e is not (InputError or OutOfMemoryException))
        {
            throw new InputError($"{path}: not a readable Parquet events file (truncated or corrupt? rerun `cmdcm ingest`): {e.Message}");
        }
    }

    internal static async Task<ParquetWriter> CreateWriterAsync(Stream stream)
    {
        // Delta-encoded integers, then Snappy: the user column (contiguous) and times within a user are runs of
        // small differences. Against Parquet.Net's plain + Snappy default this saved ~2 s of CPU at 100M rows
        // (Snappy over plain int64 was a sixth of the ingest's CPU) and made the file 0.63 GB instead of 1.10 GB.
        // DuckDB reads it back (docs/decisions.md); DELTA_BINARY_PACKED is a standard Parquet encoding.
        var options = new ParquetOptions();
        foreach (var field in Schema.GetDataFields()) options.ColumnEncodingHints[field.Name] = EncodingHint.DeltaBinaryPacked;
        var writer = await ParquetWriter.CreateAsync(Schema, stream, options);
        writer.CustomMetadata = new Dictionary<string, string> { [BehaviorCodesKey] = BehaviorCodes };
        return writer;
    }

    /// <summary>The int64 / int32 columns one row group is widened into before Parquet.Net encodes it.</summary>
    internal sealed class RowGroupBuffers
    {
        public long[] User = [], Item = [], Category = [], Timestamp = [];
        public int[] Behavior = [];

        public void EnsureCapacity(int count)
        {
            if (User.Length >= count) return;
            (User, Item, Category, Timestamp, Behavior) = (new long[count], new long[count], new long[count], new long[count], new int[count]);
        }
    }

    /// <summary>Writes all of <paramref name="rows"/> as one row group (at most <see cref="RowGroupSize"/> rows).</summary>
    internal static async Task WriteRowGroupAsync(ParquetWriter writer, EventTable rows, RowGroupBuffers wide)
    {
        // The table holds 32-bit columns; the file keeps the spec's int64.
        int count = rows.Count;
        wide.EnsureCapacity(count);
        Widen(rows.User, count, wide.User);
        Widen(rows.Item, count, wide.Item);
        Widen(rows.Category, count, wide.Category);
        Widen(rows.Timestamp, count, wide.Timestamp);
        for (int i = 0; i < count; i++) wide.Behavior[i] = (int)rows.Behavior[i];
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<long>(UserField, wide.User.AsMemory(0, count));
        await group.WriteAsync<long>(ItemField, wide.Item.AsMemory(0, count));
        await group.WriteAsync<long>(CategoryField, wide.Category.AsMemory(0, count));
        await group.WriteAsync<int>(BehaviorField, wide.Behavior.AsMemory(0, count));
        await group.WriteAsync<long>(TimestampField, wide.Timestamp.AsMemory(0, count));
        group.CompleteValidate();
    }

    static void Widen(int[] column, int count, long[] target)
    {
        for (int i = 0; i < count; i++) target[i] = column[i];
    }

    static async Task<EventTable> ReadStoreAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = Schema.GetDataFields().Select(f => reader.Schema.FindDataField(f.Name)).ToArray();
        if (fields.Any(f => f == null)) throw new InputError($"{path}: not an events file (expected columns user, item, category, behavior, ts; found {string.Join(", ", reader.Schema.GetDataFields().Select(f => f.Name))})");

        long total = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            total += group.RowCount;
        }
        var events = new EventTable(checked((int)total));
        long[] user = [], item = [], category = [], timestamp = [];
        int[] behavior = [];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int count = checked((int)group.RowCount);
            if (user.Length < count) (user, item, category, behavior, timestamp) = (new long[count], new long[count], new long[count], new int[count], new long[count]);
            await group.ReadAsync<long>(fields[0]!, user.AsMemory(0, count));
            await group.ReadAsync<long>(fields[1]!, item.AsMemory(0, count));
            await group.ReadAsync<long>(fields[2]!, category.AsMemory(0, count));
            await group.ReadAsync<int>(fields[3]!, behavior.AsMemory(0, count));
            await group.ReadAsync<long>(fields[4]!, timestamp.AsMemory(0, count));
            // Parquet.Net leaves each row group's page buffers (~40 MB) as large-object garbage that the GC's
            // budget lets pile up to gigabytes over 100 groups: collect it as we go, so reading 100M events
            // peaks near the table's own 1.7 GB.
            if (g % 8 == 7) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            for (int i = 0; i < count; i++)
            {
                if ((uint)behavior[i] > (uint)Behavior.Buy) throw new InputError($"{path}: row group {g}: behavior code {behavior[i]} is not one of {BehaviorCodes}");
                events.Add(user[i], item[i], category[i], (Behavior)behavior[i], timestamp[i]);
            }
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        return events;
    }
}
