// MSBuild inline task (RoslynCodeTaskFactory). libLibTorchSharp.so from TorchSharp 0.107 asks for
// GLIBCXX_3.4.32 only for the marker symbol _ZSt21ios_base_library_initv, which it never calls.
// Older libstdc++ (Debian 12: up to 3.4.30) then refuses to load it. Marking that one version
// requirement weak (VER_FLG_WEAK in .gnu.version_r) lets the loader accept it; everything else is
// unchanged. Runs only where the system libstdc++ lacks the version.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenGlibcxxRequirement : Task
{
    [Required] public string Directory { get; set; } = "";
    public string Version { get; set; } = "GLIBCXX_3.4.32";

    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        var library = Path.Combine(Directory, "libLibTorchSharp.so");
        if (!File.Exists(library) || SystemProvides(Version)) return true;
        var bytes = File.ReadAllBytes(library);
        int patched = Patch(bytes, Version);
        if (patched > 0)
        {
            var temporary = library + ".patching";
            File.WriteAllBytes(temporary, bytes);
            File.Delete(library); // the task compiles against netstandard: no overwriting Move
            File.Move(temporary, library);
            Log.LogMessage(MessageImportance.High, $"Marked {Version} weak in {library} (system libstdc++ lacks it).");
        }
        return true;
    }

    static bool SystemProvides(string version)
    {
        string[] candidates = { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6" };
        foreach (var path in candidates)
        {
            if (!File.Exists(path)) continue;
            var content = File.ReadAllBytes(path);
            return IndexOf(content, Encoding.ASCII.GetBytes(version + "\0")) >= 0;
        }
        return true; // no libstdc++ found where we look: leave the library as shipped
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    /// <summary>Sets VER_FLG_WEAK on every vernaux entry naming <paramref name="version"/>; returns how many changed.</summary>
    static int Patch(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1) return 0; // 64-bit little-endian ELF only
        long sectionTable = BitConverter.ToInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int count = BitConverter.ToUInt16(elf, 0x3C);
        int changed = 0;
        for (int s = 0; s < count; s++)
        {
            long header = sectionTable + (long)s * entrySize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed) continue;
            long offset = BitConverter.ToInt64(elf, (int)header + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(elf, (int)header + 0x2C);
            long strings = BitConverter.ToInt64(elf, (int)(sectionTable + (long)link * entrySize) + 0x18);
            long need = offset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    long name = strings + BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (ReadString(elf, name) == version)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlgWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, (int)aux + 4);
                            changed++;
                        }
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return changed;
    }

    static string ReadString(byte[] elf, long start)
    {
        long end = start;
        while (end < elf.Length && elf[end] != 0) end++;
        return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
    }
}
