using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CmDcm.Models.Layers;

/// <summary>Linear + ReLU layers of the given widths; returns every hidden activation (CM-DCM reads them).</summary>
public sealed class Mlp : Module<Tensor, Tensor[]>
{
    readonly ModuleList<Linear> layers = new();

    public Mlp(string name, int input, IReadOnlyList<int> widths) : base(name)
    {
        foreach (var width in widths)
        {
            layers.Add(Linear(input, width));
            input = width;
        }
        RegisterComponents();
    }

    public override Tensor[] forward(Tensor input)
    {
        var hidden = new Tensor[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            input = functional.relu(layers[l].forward(input));
            hidden[l] = input;
        }
        return hidden;
    }
}
