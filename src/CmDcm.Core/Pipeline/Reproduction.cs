using CmDcm.Data;
using CmDcm.Data.Simulation;
using CmDcm.Evaluation;
using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using CmDcm.Reporting;
using CmDcm.Training;
using TorchSharp;

namespace CmDcm.Pipeline;

/// <summary>
/// The main job, end to end: simulate (when no data is given) -> ingest -> labels -> pre-train the daily
/// CVR/ATC model -> fine-tune CM-DCM -> evaluate on the held-out 20 % -> results/ (metrics, manifest,
/// table). The CLI, the notebooks and CI all run it through here.
/// </summary>
public static class Reproduction
{
    public const string PreTrained = "pre-trained";
    public const string CmDcm = "CM-DCM";

    public static ReproductionReport Run(ReproductionOptions options, IProgress<string>? progress = null)
    {
        // The split actually used is saved in config.json: industrial-sim's last-cycle split replaces the profile's.
        var config = Resolved(options);
        var stages = new StageClock(progress);
        var started = DateTimeOffset.UtcNow;
        // Settings are checked before any data work, so a typo fails in a second, not after a 3.7 GB ingest.
        options.Dataset.Check(options.Format, !options.Simulated, options.Calendar);
        var format = options.ResolvedFormat;
        EventReaders.Get(format);
        var calendar = PromotionCalendar.Load(options.ResolvedCalendar, options.Year);
        var methods = Methods(config);
        if (config.Seeds.Length == 0 || config.Seeds.Any(s => s < 0))
            throw new InputError($"seeds must be one or more non-negative numbers, got [{string.Join(", ", config.Seeds)}]");
        var device = Devices.Resolve(config.Device);
        var split = new SplitOptions(SplitOptions.ParseMode(config.Split), (ulong)config.SplitSeed);
        if (split.Mode == SplitMode.LastCycle && calendar.Cycles.Count < 2)
            throw new InputError($"the last-cycle split trains on earlier promotion cycles, and calendar '{calendar.Name}' has one: use --split random or user, or a multi-event calendar (industrial-sim)");
        progress?.Report($"dataset {options.Dataset.Name} (the paper's {options.Dataset.Column} column): " +
            (options.Simulated ? "simulated" : string.Join(", ", options.Data)) + $", format {format}, calendar {calendar.Name}, split {config.Split}");

        var (dataset, ingest, samples, truth) = Prepare(options, format, calendar, split, stages, progress);

        var regular = samples.Where(i => samples.Period[i] == Period.Regular);
        var train = samples.Where(i => samples.Split[i] == SampleSplit.Train);
        var eval = samples.Where(i => samples.Split[i] == SampleSplit.Eval);
        progress?.Report($"labels: {samples.Count:N0} clicks: {regular.Length:N0} regular, {train.Length:N0} pre-promotion train, {eval.Length:N0} pre-promotion eval");

        var deviceName = device.type.ToString().ToLowerInvariant();
        var data = new BatchBuilder(samples, config.Model.Encoder, device);
        var cache = CacheFor(options, dataset, calendar, deviceName);
        progress?.Report($"methods: {string.Join(", ", methods)}; seeds {string.Join(", ", config.Seeds)}; run cache {cache.Directory}");
        var runs = new List<MethodRun>();
        // One daily model per seed, pre-trained once (the grid and that seed's rows share it) or loaded from the cache.
        var dailyModels = new Dictionary<int, (PretrainedDailyModel Model, TrainingHistory? History)>();
        (PretrainedDailyModel Model, TrainingHistory? History) Daily(int seed)
        {
            if (dailyModels.TryGetValue(seed, out var known)) return known;
            Devices.Seed(seed);
            var daily = new PretrainedDailyModel(config.Model, samples.HasPrice);
            daily.to(device);
            var history = cache.TryLoadWeights(daily, PreTrained, seed);
            if (history == null)
            {
                history = stages.Time("pre-train", () => Trainer.Fit(daily, data, regular, config.Pretrain, seed, PreTrained, progress));
                cache.SaveWeights(daily, PreTrained, seed, history);
            }
            return dailyModels[seed] = (daily, history);
        }
        MethodContext Context(ModelConfig model, int seed) =>
            new(Daily(seed).Model, samples, calendar, model, config.Finetune, seed, device, progress, Daily(seed).History);

        // The grid tunes CM-DCM's loss weights once, for every seed, before any CM-DCM row trains.
        var model = config.Model;
        GridSearchResult? grid = null;
        if (config.Grid is { } candidates && methods.Any(MethodRegistry.Table3.Contains))
        {
            var gridContext = Context(model, candidates.Seed);
            grid = stages.Time("grid", () => HyperparameterSearch.Run(candidates, gridContext, split.Seed, cache));
            model = grid.Apply(model);
            progress?.Report($"grid: chose alpha {grid.Chosen.Alpha}, lambda_cm {grid.Chosen.LambdaCm}, lambda_cf {grid.Chosen.LambdaCf}");
        }

        foreach (var seed in config.Seeds)
        {
            var pending = new List<string>();
            foreach (var method in methods)
            {
                // A CM-DCM run cached before its weights were kept is trained again, once, so LoadCmDcm finds them.
                if (cache.TryLoad(method, seed, out var done) && (method != CmDcm || cache.HasWeights(CmDcm, seed))) runs.Add(done);
                else pending.Add(method);
            }
            if (pending.Count == 0) continue;
            progress?.Report($"seed {seed}: {methods.Count - pending.Count} of {methods.Count} methods already done, training {string.Join(", ", pending)}");

            var context = Context(model, seed);
            foreach (var method in pending)
            {
                var trained = stages.Time(method, () => MethodRegistry.Train(method, context));
                var run = stages.Time("evaluate", () => MethodEvaluation.Evaluate(method, trained.Model, trained.History, data, eval, seed, truth));
                // CM-DCM's weights too, for the charts that need the model itself (LoadCmDcm); before the run record, which marks it done.
                if (method == CmDcm) cache.SaveWeights(trained.Model, method, seed, trained.History);
                cache.Save(run);
                runs.Add(run);
            }
        }
        runs = runs.OrderBy(r => methods.IndexOf(r.Method)).ThenBy(r => r.Seed).ToList();

        var report = new ReproductionReport
        {
            Dataset = dataset.Name,
            Calendar = calendar.Name,
            Split = SplitOptions.Name(split.Mode),
            Device = deviceName,
            Clicks = new ClickCounts(samples.Count, regular.Length, train.Length, eval.Length),
            Runs = runs,
            Ingest = ingest.Report,
            Grid = grid,
        };
        var manifest = RunManifest.Create(config, options, dataset, report.Device, stages.Seconds, started);
        ResultsWriter.Write(options.DatasetOutDir, report, manifest);
        // The combined tables hold every dataset run so far under OutDir, so one column at a time fills Table 2.
        ResultsWriter.WriteTables(options.OutDir);
        progress?.Report($"results written to {options.DatasetOutDir}; tables in {options.OutDir}"); // as given: logs and notebook outputs name no machine's folders
        return report;
    }

    /// <summary>
    /// The data half of the job, on its own for the notebooks: simulate (or take the given files) -> ingest ->
    /// labelled click samples, written to the same work directory as a full run.
    /// </summary>
    public static PreparedData Prepare(ReproductionOptions options, IProgress<string>? progress = null)
    {
        var config = Resolved(options);
        var calendar = PromotionCalendar.Load(options.ResolvedCalendar, options.Year);
        var split = new SplitOptions(SplitOptions.ParseMode(config.Split), (ulong)config.SplitSeed);
        return Prepare(options, options.ResolvedFormat, calendar, split, new StageClock(progress), progress);
    }

    static PreparedData Prepare(ReproductionOptions options, string format, PromotionCalendar calendar, SplitOptions split, StageClock stages, IProgress<string>? progress)
    {
        var dataset = options.Simulated ? stages.Time("simulate", () => PrepareData(options, progress)) : PrepareData(options, progress);
        var ingest = stages.Time("ingest", () => EventIngest.Run(dataset.Events, format, calendar, Path.Combine(options.WorkDir, dataset.Name), products: dataset.Products));
        foreach (var warning in ingest.Report.Warnings) progress?.Report($"ingest warning: {warning}");
        progress?.Report($"ingest: {ingest.Report.RowsRead:N0} rows read, {ingest.Report.RowsKept:N0} kept, {ingest.Report.MinTimeBeijing} .. {ingest.Report.MaxTimeBeijing} (Beijing)");
        var items = dataset.Items == null ? null : ItemCatalog.Read(dataset.Items);
        var samples = stages.Time("labels", () =>
        {
            var built = ClickSampleBuilder.Build(ingest.Events, calendar, items, split);
            SamplesCsv.Write(built, Path.Combine(options.WorkDir, dataset.Name, "samples.csv"));
            return built;
        });
        var truth = dataset.Truth == null ? null : GroundTruth.Read(dataset.Truth);
        return new PreparedData(dataset, ingest, samples, truth) { Calendar = calendar };
    }

    /// <summary>
    /// A seed's trained CM-DCM back from the run cache, with its data and evaluation clicks, for the charts
    /// that need the model itself (gates by user activity, calibration, the effect head against the truth).
    /// Null when the cache holds no weights for it: run <see cref="Run"/> with CM-DCM first.
    /// </summary>
    public static TrainedCmDcm? LoadCmDcm(ReproductionOptions options, int seed, IProgress<string>? progress = null)
    {
        var config = Resolved(options);
        var data = Prepare(options, progress);
        var device = Devices.Resolve(config.Device);
        var cache = CacheFor(options, data.Dataset, data.Calendar, device.type.ToString().ToLowerInvariant());
        var daily = new PretrainedDailyModel(config.Model, data.Samples.HasPrice);
        daily.to(device);
        if (cache.TryLoadWeights(daily, PreTrained, seed) == null) return null;
        // The loss weights the grid chose decide nothing of the model's shape, but keep it the one trained.
        var metrics = Path.Combine(options.DatasetOutDir, ResultsWriter.MetricsFile);
        var grid = File.Exists(metrics) ? ResultsWriter.ReadMetrics(options.DatasetOutDir).Grid : null;
        var model = new CmDcmModel(daily, grid?.Apply(config.Model) ?? config.Model, data.Samples.HasPrice);
        model.to(device);
        if (cache.TryLoadWeights(model, CmDcm, seed) == null) return null;
        var eval = data.Samples.Where(i => data.Samples.Split[i] == SampleSplit.Eval);
        return new TrainedCmDcm(data, model, new BatchBuilder(data.Samples, config.Model.Encoder, device), eval);
    }

    /// <summary>The config as run: industrial-sim's last-cycle split replaces the profile's (and is saved in config.json).</summary>
    static RunConfig Resolved(ReproductionOptions options) => options.Config with { Split = options.ResolvedSplit };

    static RunCache CacheFor(ReproductionOptions options, DatasetFiles dataset, PromotionCalendar calendar, string device) =>
        new(options.WorkDir, Resolved(options), dataset.Hashes(), calendar.Name, options.ResolvedFormat, device);

    /// <summary>The registry names to run: the config's list (checked) or every Table 2 and Table 3 row.</summary>
    static List<string> Methods(RunConfig config)
    {
        var names = config.Methods ?? MethodRegistry.Names.ToArray();
        foreach (var name in names)
            if (!MethodRegistry.Contains(name)) throw new InputError($"unknown method '{name}': use one of {string.Join(", ", MethodRegistry.Names)}");
        return names.Distinct().ToList();
    }

    static DatasetFiles PrepareData(ReproductionOptions options, IProgress<string>? progress)
    {
        if (!options.Simulated)
            return new DatasetFiles(Path.GetFileNameWithoutExtension(options.Data[0]), options.Data, null, null, options.Products);
        var simulator = SimulatorConfig.Preset(options.Config.SimulatorPreset) with { Calendar = options.ResolvedCalendar };
        int? users = options.Config.DatasetSimulatorUsers?.TryGetValue(options.Dataset.Name, out var forDataset) == true ? forDataset : options.Config.SimulatorUsers;
        if (users != null) simulator = simulator with { Users = users.Value };
        // Keyed by a hash of the whole simulator config: a changed setting never reuses stale data.
        var key = ContentHash.OfText(System.Text.Json.JsonSerializer.Serialize(simulator))[..12];
        var dir = Path.Combine(options.WorkDir, $"simulated-{simulator.Profile}-{simulator.Calendar}-{key}");
        var files = new DatasetFiles(Path.GetFileName(dir), [Path.Combine(dir, PromotionSimulator.EventsFile)],
            Path.Combine(dir, PromotionSimulator.ItemsFile), Path.Combine(dir, PromotionSimulator.TruthFile));
        // The summary is written last, so its presence means a complete earlier simulation with this seed.
        if (File.Exists(Path.Combine(dir, PromotionSimulator.SummaryFile)) && files.All().All(File.Exists))
        {
            progress?.Report($"simulate: reusing {dir}");
            return files;
        }
        var summary = PromotionSimulator.Run(simulator, dir);
        progress?.Report($"simulate: wrote {dir}\n{summary.Describe()}");
        return files;
    }
}
