using CmDcm.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CmDcm.Models;

/// <summary>
/// Paper eq. 2-4 and 8: layer l reads [h_delay^(l-1), g_cvr^l ⊙ sg(h_cvr^l), g_atc^l ⊙ sg(h_atc^l)];
/// without personalised gates (ablation "w/o PG") the frozen layers are concatenated as they are.
/// </summary>
public sealed class DelayTower : Module<DelayTowerInput, Tensor>
{
    readonly ModuleList<Linear> layers = new();
    readonly ModuleList<PersonalizedGate> cvrGates = new();
    readonly ModuleList<PersonalizedGate> atcGates = new();
    readonly Linear output;
    readonly bool gated;

    public DelayTower(string name, int input, int gateInput, ModelConfig config) : base(name)
    {
        gated = config.PersonalizedGates;
        int previous = input;
        for (int l = 0; l < config.Hidden.Length; l++)
        {
            int frozenWidth = config.Hidden[l];
            layers.Add(Linear(previous + 2 * frozenWidth, config.Hidden[l]));
            if (gated)
            {
                cvrGates.Add(new PersonalizedGate($"gate_cvr_{l + 1}", gateInput, config.GateHidden, frozenWidth));
                atcGates.Add(new PersonalizedGate($"gate_atc_{l + 1}", gateInput, config.GateHidden, frozenWidth));
            }
            previous = config.Hidden[l];
        }
        output = Linear(previous, 1);
        RegisterComponents();
    }

    /// <summary>The delay logit z.</summary>
    public override Tensor forward(DelayTowerInput x)
    {
        var h = x.Input;
        for (int l = 0; l < layers.Count; l++)
        {
            var cvr = x.Frozen.CvrHidden[l];
            var atc = x.Frozen.AtcHidden[l];
            if (gated)
            {
                cvr = cvrGates[l].forward(x.GateInput) * cvr;
                atc = atcGates[l].forward(x.GateInput) * atc;
            }
            h = functional.relu(layers[l].forward(cat([h, cvr, atc], 1)));
        }
        return output.forward(h).squeeze(-1);
    }

    /// <summary>Gate values g_cvr^1..3 then g_atc^1..3 on a batch (empty without gates), for the notebooks' gate plots.</summary>
    public Tensor[] Gates(Tensor gateInput) =>
        gated ? cvrGates.Concat(atcGates).Select(g => g.forward(gateInput)).ToArray() : [];
}

/// <summary>The delay tower's inputs: x_d (eq. 3), the gate input u (eq. 6) and the frozen towers' hidden layers.</summary>
public sealed record DelayTowerInput(Tensor Input, Tensor GateInput, DailyTowers Frozen);
