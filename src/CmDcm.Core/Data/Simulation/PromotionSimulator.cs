using System.Diagnostics;
using System.Text.Json;
using CmDcm.Labels;

namespace CmDcm.Data.Simulation;

/// <summary>
/// The promotion simulator (data.md §6): writes `UserBehavior.csv` in exactly the Taobao layout
/// (headerless `user,item,category,behavior,ts`, rows grouped by user in text order, each user's rows
/// in time order), `items.csv` (price, discount), `truth.csv` (one row per pre-promotion click with the
/// potential outcomes of add-to-cart) and `simulation.json` (config and achieved statistics).
/// Users are generated in chunks on all cores but each from its own seeded stream and written in a
/// fixed order, so a seed gives byte-identical files; memory holds one wave of chunks, not the data.
/// </summary>
public static class PromotionSimulator
{
    public const string EventsFile = "UserBehavior.csv";
    public const string ItemsFile = "items.csv";
    public const string TruthFile = "truth.csv";
    public const string SummaryFile = "simulation.json";

    const int ChunkUsers = 256;

    static readonly byte[][] BehaviorNames = ["pv"u8.ToArray(), "fav"u8.ToArray(), "cart"u8.ToArray(), "buy"u8.ToArray()];

    public static SimulationSummary Run(SimulatorConfig config, string outDir)
    {
        config.Validate();
        var clock = Stopwatch.StartNew();
        var calendar = PromotionCalendar.Load(config.Calendar);
        Directory.CreateDirectory(outDir);
        var items = new ItemUniverse(config.Items, config.Categories, config.Seed);
        var model = new ShopperBehavior(config, items);
        int days = (int)((calendar.WindowEnd - calendar.WindowStart) / BeijingTime.SecondsPerDay);
        var userIds = UsersInTextOrder(config.Users);
        var total = new SimulationTally(days);

        string eventsPath = Path.Combine(outDir, EventsFile), truthPath = Path.Combine(outDir, TruthFile);
        // Both files under temporary names until complete; the summary, written last, marks a finished run.
        AtomicFile.Write(eventsPath, events => AtomicFile.Write(truthPath, truth =>
        {
            truth.Write(System.Text.Encoding.UTF8.GetBytes(GroundTruth.Header + "\n"));
            int chunks = (userIds.Length + ChunkUsers - 1) / ChunkUsers;
            int wave = Math.Max(1, Environment.ProcessorCount) * 4;
            var outputs = new ChunkOutput[wave];
            for (int w = 0; w < outputs.Length; w++) outputs[w] = new ChunkOutput(config, calendar, items, model);
            for (int first = 0; first < chunks; first += wave)
            {
                int count = Math.Min(wave, chunks - first);
                Parallel.For(0, count, k =>
                {
                    int start = (first + k) * ChunkUsers;
                    outputs[k].Generate(userIds.AsSpan(start, Math.Min(ChunkUsers, userIds.Length - start)), days);
                });
                for (int k = 0; k < count; k++)
                {
                    outputs[k].Events.Write(events);
                    outputs[k].Truth.Write(truth);
                    total.Add(outputs[k].Tally);
                }
            }
        }));
        items.ToCatalog().Write(Path.Combine(outDir, ItemsFile));

        var summary = total.ToSummary(config, calendar, clock.Elapsed.TotalSeconds);
        var summaryPath = Path.Combine(outDir, SummaryFile);
        AtomicFile.Write(summaryPath, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n")));
        return summary;
    }

    /// <summary>User ids 1..n ordered as the real file orders them: by the id's text ("1", "10", "100", "2", ...).</summary>
    static long[] UsersInTextOrder(int users)
    {
        var ids = new long[users];
        for (int i = 0; i < users; i++) ids[i] = i + 1;
        var text = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Array.Sort(text, ids, StringComparer.Ordinal);
        return ids;
    }

    /// <summary>One chunk of users generated into byte buffers, reused across waves.</summary>
    sealed class ChunkOutput(SimulatorConfig config, PromotionCalendar calendar, ItemUniverse items, ShopperBehavior model)
    {
        readonly ShopperTimeline timeline = new(config, calendar, items, model);
        public readonly Utf8Lines Events = new();
        public readonly Utf8Lines Truth = new();
        public SimulationTally Tally { get; private set; } = new(0);

        public void Generate(ReadOnlySpan<long> users, int days)
        {
            Events.Clear();
            Truth.Clear();
            Tally = new SimulationTally(days);
            foreach (var id in users)
            {
                var random = new SimulationRandom(config.Seed, stream: id);
                timeline.Generate(Shopper.Draw(id, items, random), random, Tally);
                timeline.Events.Sort((a, b) => a.Timestamp != b.Timestamp ? a.Timestamp.CompareTo(b.Timestamp) : a.Sequence.CompareTo(b.Sequence));
                foreach (var e in timeline.Events)
                {
                    Events.Number(id).Char(',').Number(items.ItemId(e.Item)).Char(',').Number(items.CategoryId(e.Item)).Char(',')
                        .Text(BehaviorNames[(int)e.Behavior]).Char(',').Number(e.Timestamp).Char('\n');
                }
                foreach (var t in timeline.Truth)
                {
                    Truth.Number(t.User).Char(',').Number(t.Item).Char(',').Number(t.ClickTs).Char(',').Char(t.Atc ? '1' : '0').Char(',')
                        .Number(t.P0, "0.########").Char(',').Number(t.P1, "0.########").Char(',')
                        .Char(t.Y0 ? '1' : '0').Char(',').Char(t.Y1 ? '1' : '0').Char('\n');
                }
            }
        }
    }
}
