using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CmDcm.Models.Layers;

/// <summary>
/// Paper eq. 6-8 (PEPNet): g = 2 σ(MLP(u)), one scale per unit of a frozen hidden layer. The output
/// layer starts at zero so g = 2σ(0) = 1: training starts from plain transfer.
/// </summary>
public sealed class PersonalizedGate : Module<Tensor, Tensor>
{
    readonly Mlp mlp;
    readonly Linear output;

    public PersonalizedGate(string name, int input, IReadOnlyList<int> hidden, int width) : base(name)
    {
        mlp = new Mlp("mlp", input, hidden);
        output = Linear(hidden[^1], width);
        using (no_grad())
        {
            output.weight!.zero_();
            output.bias!.zero_();
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor u) => 2 * functional.sigmoid(output.forward(mlp.forward(u)[^1]));
}
