using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CmDcm.Training;

/// <summary>
/// Two settings of libtorch's bundled native runtimes, made before its first call (they read the native
/// environment when they start, so they are set through libc: Environment.SetEnvironmentVariable does
/// not reach native code on Unix). A user's own setting wins.
/// - MKL_CBWR=AUTO: MKL picks kernels by buffer alignment, so the same seed gave results differing in the
///   8th digit from run to run; conditional numerical reproducibility makes them bit-identical for a
///   given machine and thread count.
/// - OMP_WAIT_POLICY=PASSIVE: OpenMP threads otherwise spin at every barrier; on 2 cores shared with any
///   other work (parallel tests, a second process) that made training ~7x slower (measured: 427 vs
///   2,900 samples/s under the same load).
/// </summary>
static class NativeRuntimeSettings
{
#pragma warning disable CA2255 // a library initializer is the point: it must run before any torch call
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        Set("MKL_CBWR", "AUTO");
        Set("OMP_WAIT_POLICY", "PASSIVE");
    }

    static void Set(string name, string value)
    {
        if (OperatingSystem.IsWindows()) Environment.SetEnvironmentVariable(name, Environment.GetEnvironmentVariable(name) ?? value);
        else setenv(name, value, overwrite: 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    static extern int setenv(string name, string value, int overwrite);
}
