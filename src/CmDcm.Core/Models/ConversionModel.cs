using CmDcm.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models;

/// <summary>
/// What the trainer needs of a method: its loss on a batch and its predictions (forward). Each method
/// (pre-trained, CM-DCM, each baseline) is one small subclass.
/// </summary>
public abstract class ConversionModel(string name) : nn.Module<Batch, ClickPredictions>(name)
{
    public abstract LossTerms Loss(Batch batch);

    public IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters() => parameters().Where(p => p.requires_grad);

    /// <summary>Stops gradients and puts the module in eval mode: the frozen towers of model.md §2.</summary>
    public static void Freeze(nn.Module module)
    {
        foreach (var p in module.parameters()) p.requires_grad = false;
        module.eval();
    }
}
