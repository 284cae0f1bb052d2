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
        RemoveStale(path);
        var temporary = TemporaryName(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                write(stream);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        RemoveStale(path);
        var temporary = TemporaryName(path);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                await write(stream);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>Deletes `.NAME.PID.GUID.tmp` files of this target whose process no longer runs.</summary>
    static void RemoveStale(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var prefix = $".{Path.GetFileName(path)}.";
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var pid = name[prefix.Length..].Split('.')[0];
            if (!int.TryParse(pid, out int id) || id == Environment.ProcessId || IsRunning(id)) continue;
            try { File.Delete(file); }
            catch (IOException) { } // another cleaner got there first
        }
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
    }
}
