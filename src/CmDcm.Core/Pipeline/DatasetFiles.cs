namespace CmDcm.Pipeline;

/// <summary>
/// The input files of a run: the event log (one file, or the parts of one log in order), the Tmall product table,
/// and from the simulator its item side file and ground truth.
/// </summary>
public sealed record DatasetFiles(string Name, IReadOnlyList<string> Events, string? Items, string? Truth, string? Products = null)
{
    Dictionary<string, string>? hashes;

    public IEnumerable<string> All() => Events.Append(Items).Append(Truth).Append(Products).OfType<string>();

    /// <summary>SHA-256 of each file, for the run manifest and the run cache; computed once (the Tmall log is 52 GB).</summary>
    public Dictionary<string, string> Hashes() => hashes ??= All().ToDictionary(path => Path.GetFileName(path), ContentHash.OfFile);
}
