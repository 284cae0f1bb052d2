using System.Security.Cryptography;

namespace CmDcm.Pipeline;

/// <summary>The input files of a run: the event log, and from the simulator its item side file and ground truth.</summary>
public sealed record DatasetFiles(string Name, string Events, string? Items, string? Truth)
{
    public IEnumerable<string> All() => new[] { Events, Items, Truth }.OfType<string>();

    /// <summary>SHA-256 of each file, for the run manifest.</summary>
    public Dictionary<string, string> Hashes() => All().ToDictionary(path => Path.GetFileName(path), path =>
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    });
}
