using System.Globalization;

namespace CmDcm.Bench;

/// <summary>`--name value` pairs of a bench command.</summary>
public sealed class BenchArgs
{
    readonly Dictionary<string, string> values = new();

    public BenchArgs(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i += 2)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
                throw new InputError($"expected --name value, found '{list[i]}'");
            values[list[i][2..]] = list[i + 1];
        }
    }

    public string Text(string name) => values.TryGetValue(name, out var v) ? v : throw new InputError($"--{name} is required");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public long Long(string name, long fallback) =>
        values.TryGetValue(name, out var v)
            ? long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new InputError($"--{name} expects an integer, got '{v}'")
            : fallback;
}
