namespace CmDcm.Data;

/// <summary>
/// Writes a file under a temporary name in the same directory and renames it into place, so a reader
/// never sees half a file and a crash leaves the previous version intact. The temporary files a killed
/// process left for the same target are removed when the target is next written, so crashes do not leak disk.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Create(path);
        write(file.Stream);
        file.Commit();
    }

    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        using var file = Create(path);
        await write(file.Stream);
        file.Commit();
    }

    /// <summary>Opens the temporary file for a writer that fills it over time (row group by row group).</summary>
    public static PendingFile Create(string path)
    {
        RemoveStale(path);
        return new PendingFile(path, TemporaryName(path));
    }

    /// <summary>
    /// A file being written under its temporary name: <see cref="Commit"/> closes it and renames it into place;
    /// disposing it uncommitted (an error, an abandoned write) deletes it.
    /// </summary>
    public sealed class PendingFile : IDisposable
    {
        readonly string path, temporary;
        bool committed;

        internal PendingFile(string path, string temporary)
        {
            this.path = path;
            this.temporary = temporary;
            Stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }

        public Stream Stream { get; }

        public void Commit()
        {
            Stream.Dispose();
            File.Move(temporary, path, overwrite: true);
            committed = true;
        }

        public void Dispose()
        {
            Stream.Dispose();
            if (!committed && File.Exists(temporary)) File.Delete(temporary);
        }
    }

    static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{ProcessStart(Environment.ProcessId) ?? 0}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Deletes `.NAME.PID.START.GUID.tmp` files of this target whose process is gone. The process's start time
    /// is part of the name because a pid alone is reused: a container's entrypoint is PID 1 after every
    /// restart, so a temporary of an earlier PID 1 would otherwise look like this process's own forever.
    /// </summary>
    static void RemoveStale(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var prefix = $".{Path.GetFileName(path)}.";
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var parts = name[prefix.Length..].Split('.');
            if (parts.Length != 4 || !int.TryParse(parts[0], out int pid) || !long.TryParse(parts[1], out long start)) continue; // not ours
            if (IsRunning(pid, start)) continue;
            try { File.Delete(file); }
            catch (IOException) { } // another cleaner got there first
        }
    }

    /// <summary>Whether the process that wrote a temporary still runs: same pid, same start time, not a zombie.</summary>
    static bool IsRunning(int pid, long start)
    {
        if (HasProc)
        {
            var stat = ProcStat(pid);
            return stat != null && stat.Value.State != 'Z' && (start == 0 || stat.Value.Start == start);
        }
        if (pid == Environment.ProcessId) return true; // without /proc a pid is all we can compare
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
    }

    /// <summary>A process's start in clock ticks since boot (an exact integer, the same read from any process), or null.</summary>
    static long? ProcessStart(int pid) => HasProc ? ProcStat(pid)?.Start : null;

    static readonly bool HasProc = OperatingSystem.IsLinux() && ProcStat(Environment.ProcessId) != null;

    /// <summary>State and start time from /proc/PID/stat (fields 3 and 22; the name in field 2 may hold spaces).</summary>
    static (char State, long Start)? ProcStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null; // gone (or /proc unreadable): not running
        }
    }
}
