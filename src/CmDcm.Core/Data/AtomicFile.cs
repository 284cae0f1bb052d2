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
