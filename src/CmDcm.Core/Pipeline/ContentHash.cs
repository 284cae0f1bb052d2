using System.Security.Cryptography;
using System.Text;

namespace CmDcm.Pipeline;

/// <summary>SHA-256 in lower-case hex: the one hash behind dataset fingerprints, run-cache keys and simulated-data folders.</summary>
public static class ContentHash
{
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Streams the file: the Taobao log is 3.7 GB, the Tmall log 52 GB.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
