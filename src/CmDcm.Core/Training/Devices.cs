using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Training;

/// <summary>`--device auto|cpu|cuda`: the code never assumes a device.</summary>
public static class Devices
{
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" => cuda.is_available() ? CUDA : throw new InputError("--device cuda: no CUDA device is available (build with -p:TorchBackend=cuda on a machine with a GPU, see environment/GPU.md)"),
        "auto" => cuda.is_available() ? CUDA : CPU,
        _ => throw new InputError($"unknown device '{name}': use auto, cpu or cuda"),
    };

    /// <summary>Seeds torch for a run: on CPU the same seed then gives the same numbers.</summary>
    public static void Seed(int seed)
    {
        manual_seed(seed);
        if (cuda.is_available()) cuda.manual_seed_all(seed);
    }
}
