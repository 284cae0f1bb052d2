using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CmDcm.Models.Layers;

/// <summary>A prediction tower: an MLP [512, 256, 128] and one output logit.</summary>
public sealed class Tower : Module<Tensor, (Tensor Logit, Tensor[] Hidden)>
{
    readonly Mlp mlp;
    readonly Linear output;

    public Tower(string name, int input, IReadOnlyList<int> widths) : base(name)
    {
        mlp = new Mlp("mlp", input, widths);
        output = Linear(widths[^1], 1);
        RegisterComponents();
    }

    public override (Tensor Logit, Tensor[] Hidden) forward(Tensor input)
    {
        var hidden = mlp.forward(input);
        return (output.forward(hidden[^1]).squeeze(-1), hidden);
    }
}
