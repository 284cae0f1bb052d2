using System.Text;
using System.Text.Json;
using CmDcm.Data;
using CmDcm.Evaluation;
using CmDcm.Reporting;
using CmDcm.Training;
using static TorchSharp.torch;

namespace CmDcm.Pipeline;

/// <summary>
/// Finished (method, seed) runs and pre-trained weights, under a key that hashes everything that
/// decides their numbers (the config without its seed and method lists, the dataset files, calendar,
/// format, device). A rerun skips what is done, a killed run resumes from its last finished
/// (method, seed), and a changed input or setting gets a new key, never a stale entry.
/// </summary>
public sealed class RunCache
{
    public string Directory { get; }

    public RunCache(string workDir, RunConfig config, IReadOnlyDictionary<string, string> datasetHashes, string calendar, string format, string device)
    {
        var identity = config with { Profile = "", Description = "", Seeds = [], Methods = null };
        var text = new StringBuilder(identity.ToJson())
            .Append('|').Append(calendar).Append('|').Append(format).Append('|').Append(device);
        foreach (var (file, hash) in datasetHashes.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append('|').Append(file).Append('=').Append(hash);
        Key = ContentHash.OfText(text.ToString())[..16];
        Directory = Path.Combine(workDir, "runs", Key);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Key { get; }

    public bool TryLoad(string method, int seed, out MethodRun run)
    {
        var path = RunPath(method, seed);
        run = null!;
        if (!File.Exists(path)) return false;
        // Entries are written atomically; one that still does not parse (edited by hand, a disk error) is retrained, not fatal.
        try { run = JsonSerializer.Deserialize<MethodRun>(File.ReadAllText(path), ResultsWriter.Json)!; }
        catch (JsonException) { return false; }
        return run != null;
    }

    public void Save(MethodRun run) =>
        AtomicFile.Write(RunPath(run.Method, run.Seed), s => JsonSerializer.Serialize(s, run, ResultsWriter.Json));

    public bool HasWeights(string name, int seed) => File.Exists(WeightsPath(name, seed));

    /// <summary>
    /// Loads cached weights into the module and returns their training history (loss curve and time), or null when
    /// there are none. A resumed run then reports the same pre-trained loss curve as an uninterrupted one.
    /// </summary>
    public TrainingHistory? TryLoadWeights(nn.Module module, string name, int seed)
    {
        var path = WeightsPath(name, seed);
        if (!File.Exists(path)) return null;
        module.load(path);
        var history = HistoryPath(name, seed);
        return File.Exists(history) ? JsonSerializer.Deserialize<TrainingHistory>(File.ReadAllText(history), ResultsWriter.Json) : new TrainingHistory();
    }

    /// <summary>The history first, then the weights: the weights file is the mark of a finished pre-training.</summary>
    public void SaveWeights(nn.Module module, string name, int seed, TrainingHistory history)
    {
        AtomicFile.Write(HistoryPath(name, seed), s => JsonSerializer.Serialize(s, history, ResultsWriter.Json));
        AtomicFile.Write(WeightsPath(name, seed), s =>
        {
            using var writer = new BinaryWriter(s);
            module.save(writer);
        });
    }

    string RunPath(string method, int seed) => Path.Combine(Directory, $"{Slug(method)}-seed{seed}.json");

    string WeightsPath(string name, int seed) => Path.Combine(Directory, $"{Slug(name)}-seed{seed}.weights");

    string HistoryPath(string name, int seed) => Path.Combine(Directory, $"{Slug(name)}-seed{seed}.history.json");

    static string Slug(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
}
