using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace CmDcm.Training;

/// <summary>
/// Loads the libtorch that came with the TorchSharp package, by absolute path, before anything asks for it
/// by name. A host that did not list these natives in its own deps.json (a notebook kernel that loads the
/// library with #r) would otherwise take whatever libtorch the system linker finds first: Debian's
/// python3-torch puts a libtorch 1.13 in /usr/lib, which TorchSharp 0.107 cannot use.
/// </summary>
static class PackagedTorchNatives
{
    // Dependency order: each library finds the ones before it already loaded (by soname).
    static readonly string[] Libraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so", "libLibTorchSharp.so"];

#pragma warning disable CA2255 // a library initializer is the point: it must run before TorchSharp's first native call
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Load()
    {
        if (!OperatingSystem.IsLinux()) return;
        var directory = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(directory)) return;
        foreach (var name in Libraries)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) NativeLibrary.TryLoad(path, out _);
        }
    }
}
