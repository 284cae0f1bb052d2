using CmDcm.Models;
using CmDcm.Models.Baselines;
using CmDcm.Training.Streams;
using TorchSharp;

namespace CmDcm.Training;

/// <summary>Trains one Table 2 method by name.</summary>
public delegate TrainedMethod MethodTrainer(string name, MethodContext context);

/// <summary>
/// Table 2's rows by name, so the pipeline, CLI and notebooks loop over names. Adding a method is one line.
/// It lives in Training, not Models, because it trains (a dependency points left, never right).
/// </summary>
public static class MethodRegistry
{
    static readonly OrderedDictionary<string, MethodTrainer> methods = new()
    {
        ["pre-trained"] = (name, c) => new TrainedMethod(c.Daily, c.DailyHistory ?? new TrainingHistory()),
        ["FNW"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.Fnw, FeedbackStrategy.Daily),
        ["ES-DFM"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.EsDfm, FeedbackStrategy.Daily),
        ["DEFER"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.Defer, FeedbackStrategy.Daily),
        ["DEFUSE"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.Defuse, FeedbackStrategy.Daily),
        ["FNW_reuse"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.Fnw, FeedbackStrategy.Reuse(c.Calendar)),
        ["ES-DFM_reuse"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.EsDfm, FeedbackStrategy.Reuse(c.Calendar)),
        ["DEFER_reuse"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.Defer, FeedbackStrategy.Reuse(c.Calendar)),
        ["DEFUSE_reuse"] = (name, c) => DelayedFeedback(name, c, FeedbackScheme.Defuse, FeedbackStrategy.Reuse(c.Calendar)),
        ["HDR"] = (name, c) => HdrMethod.Train(name, c),
        ["CM-DCM"] = (name, c) => CmDcm(name, c, c.Model),
        // Table 3 (model.md §3): each ablation switches one part of CM-DCM off.
        ["w/o All-cvr"] = (name, c) => CmDcm(name, c, c.Model with { Alpha = 0 }),
        ["w/o PG"] = (name, c) => CmDcm(name, c, c.Model with { PersonalizedGates = false }),
        ["w/o CM"] = (name, c) => CmDcm(name, c, c.Model with { LambdaCm = 0 }),
        ["w/o CCRA"] = (name, c) => CmDcm(name, c, c.Model with { Counterfactual = "none" }),
    };

    /// <summary>Table 2's rows, in the paper's order.</summary>
    public static IReadOnlyList<string> Table2 => Names.Where(n => !Table3.Contains(n) || n == "CM-DCM").ToList();

    /// <summary>Table 3's rows (the ablations, then the full model).</summary>
    public static IReadOnlyList<string> Table3 { get; } = ["w/o All-cvr", "w/o PG", "w/o CM", "w/o CCRA", "CM-DCM"];

    /// <summary>Every registered name: Table 2's rows in order, then the ablations.</summary>
    public static IReadOnlyList<string> Names => methods.Keys.ToList();

    public static bool Contains(string name) => methods.ContainsKey(name);

    public static TrainedMethod Train(string name, MethodContext context)
    {
        if (!methods.TryGetValue(name, out var train))
            throw new InputError($"unknown method '{name}': use one of {string.Join(", ", methods.Keys)}");
        Devices.Seed(context.Seed); // each method's initialisation independent of which ran before it
        return train(name, context);
    }

    /// <summary>CM-DCM or one of its ablations, fine-tuned on the historical pre-promotion clicks.</summary>
    static TrainedMethod CmDcm(string name, MethodContext c, ModelConfig config) =>
        c.FitOnRows(name, new CmDcmModel(c.Daily, config, c.Samples.HasPrice), c.PrePromotionTrain);

    /// <summary>
    /// baselines.md: a delayed-feedback baseline fine-tunes a copy of the daily CVR tower on its stream, one
    /// pass (in emit-time order for the daily stream, shuffled for the replayed reuse period); ES-DFM, DEFER
    /// and DEFUSE first pre-train their auxiliary model.
    /// </summary>
    static TrainedMethod DelayedFeedback(string name, MethodContext c, FeedbackScheme scheme, FeedbackStrategy strategy)
    {
        var stream = DelayedFeedbackStream.Build(c.Samples, strategy, scheme);
        c.Progress?.Report($"{name}: {stream.Length:N0} stream rows from {strategy.StreamRows(c.Samples).Length:N0} {strategy.Name} clicks");
        bool hasPrice = c.Samples.HasPrice;
        ConversionModel model = scheme switch
        {
            FeedbackScheme.Fnw => new FnwModel(c.Daily, c.Model, hasPrice),
            FeedbackScheme.EsDfm => new EsDfmModel(c.Daily, Auxiliary(name, c, strategy), c.Model, hasPrice),
            FeedbackScheme.Defer => new DeferModel(c.Daily, Auxiliary(name, c, strategy), c.Model, hasPrice),
            FeedbackScheme.Defuse => new DefuseModel(c.Daily, Auxiliary(name, c, strategy), c.Model, hasPrice),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
        };
        model.to(c.Device);
        var history = Trainer.Fit(model, new StreamBatches(c.Data, stream, shuffle: !strategy.InEmitOrder), c.Finetune with { Epochs = 1 }, c.Seed, name, c.Progress);
        return new TrainedMethod(model, history);
    }

    /// <summary>f_dp and f_rn learnt from the strategy's oldest fully-labelled clicks (shuffled: their labels are final).</summary>
    static AuxiliaryDelayModel Auxiliary(string name, MethodContext c, FeedbackStrategy strategy)
    {
        var auxiliary = new AuxiliaryDelayModel(c.Daily, c.Model, c.Samples.HasPrice);
        auxiliary.to(c.Device);
        var outcomes = DelayedFeedbackStream.Outcomes(c.Samples, strategy);
        Trainer.Fit(auxiliary, new StreamBatches(c.Data, outcomes, shuffle: true), c.Finetune, c.Seed, $"{name} auxiliary", c.Progress);
        return auxiliary;
    }
}
