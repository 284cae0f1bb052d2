using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CmDcm.Training;

/// <summary>
/// libtorch's CPU build carries MKL, whose kernels pick code paths by buffer alignment, so the same seed
/// gave results differing in the 8th digit from run to run. MKL_CBWR=AUTO (conditional numerical
/// reproducibility) makes them bit-identical for a given machine and thread count. MKL reads it from the
/// native environment at its first call, so it is set through libc when this library loads
/// (Environment.SetEnvironmentVariable does not reach native code on Unix). A user's own setting wins.
/// </summary>
static class ReproducibleMath
{
#pragma warning disable CA2255 // a library initializer is the point: it must run before any torch call
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (OperatingSystem.IsWindows()) Environment.SetEnvironmentVariable("MKL_CBWR", Environment.GetEnvironmentVariable("MKL_CBWR") ?? "AUTO");
        else setenv("MKL_CBWR", "AUTO", overwrite: 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    static extern int setenv(string name, string value, int overwrite);
}
