using System.Diagnostics;

namespace CmDcm.Tests;

/// <summary>Runs the built `cmdcm` (cmdcm.dll is copied next to the test assembly) as a real process.</summary>
static class Cli
{
    /// <param name="timeZone">TZ for the child process, or null to inherit.</param>
    public static (int ExitCode, string Output, string Error) Run(string? timeZone, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cmdcm.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (timeZone != null) start.Environment["TZ"] = timeZone;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
