using System.Diagnostics;

namespace CmDcm.Tests;

/// <summary>Runs the built `cmdcm` (cmdcm.dll is copied next to the test assembly) as a real process.</summary>
static class Cli
{
    /// <param name="timeZone">TZ for the child process, or null to inherit.</param>
    public static (int ExitCode, string Output, string Error) Run(string? timeZone, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(timeZone, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// Starts `cmdcm` and kills it with SIGKILL as soon as the <paramref name="occurrence"/>-th line of its output containing
    /// <paramref name="marker"/> appears (no chance to clean up, as a power cut or the OOM killer). Returns the output up to
    /// the kill; fails the test if the process ended before that.
    /// </summary>
    public static string KillWhen(string marker, int occurrence, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(null, arguments))!;
        var error = process.StandardError.ReadToEndAsync();
        var seen = new System.Text.StringBuilder();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            seen.AppendLine(line);
            if (!line.Contains(marker, StringComparison.Ordinal) || --occurrence > 0) continue;
            process.Kill(); // SIGKILL on Unix
            process.WaitForExit();
            return seen.ToString();
        }
        process.WaitForExit();
        Assert.Fail($"cmdcm ended (exit {process.ExitCode}) without printing '{marker}':\n{seen}\n{error.Result}");
        return "";
    }

    static ProcessStartInfo StartInfo(string? timeZone, string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cmdcm.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (timeZone != null) start.Environment["TZ"] = timeZone;
        return start;
    }
}
