using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Training;

/// <summary>
/// What every Table 2 method is trained from: the frozen pre-trained daily model (and its history, for the
/// "pre-trained" row), the labelled clicks, the calendar (the reuse strategy's windows), the configs, a
/// seed, a device and a progress sink.
/// </summary>
public sealed record MethodContext(
    PretrainedDailyModel Daily,
    ClickSamples Samples,
    PromotionCalendar Calendar,
    ModelConfig Model,
    TrainingConfig Finetune,
    int Seed,
    Device Device,
    IProgress<string>? Progress = null,
    TrainingHistory? DailyHistory = null)
{
    /// <summary>Batches of these clicks on the device (a thin wrapper, so not cached: `with` stays correct).</summary>
    public BatchBuilder Data => new(Samples, Model.Encoder, Device);

    /// <summary>Set by the hyperparameter grid: CM-DCM fits these rows (the training clicks less its validation part).</summary>
    public int[]? FitRows { get; init; }

    /// <summary>The historical 80 % of pre-promotion clicks (Split = Train), or FitRows when the grid set them.</summary>
    public int[] PrePromotionTrain => FitRows ?? Samples.Where(i => Samples.Period[i] == Period.PrePromotion && Samples.Split[i] == SampleSplit.Train);

    /// <summary>Moves a model to the device and fits it on shuffled click rows (how CM-DCM trains).</summary>
    public TrainedMethod FitOnRows(string name, ConversionModel model, int[] rows, TrainingConfig? config = null)
    {
        model.to(Device);
        return new TrainedMethod(model, Trainer.Fit(model, Data, rows, config ?? Finetune, Seed, name, Progress));
    }
}

/// <summary>A trained Table 2 method: the model to score and its loss curve.</summary>
public sealed record TrainedMethod(ConversionModel Model, TrainingHistory History);
