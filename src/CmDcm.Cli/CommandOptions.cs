using System.Globalization;

namespace CmDcm.Cli;

/// <summary>
/// `--name value` options and `--flag` switches of one command line; unknown names are an error. An option given
/// twice is an error unless the command reads it as a list (<see cref="Texts"/>, e.g. `--input a --input b`).
/// </summary>
public sealed class CommandOptions
{
    readonly Dictionary<string, List<string?>> values = new(StringComparer.Ordinal);
    readonly HashSet<string> read = new(StringComparer.Ordinal);

    public CommandOptions(IEnumerable<string> arguments)
    {
        string? pending = null;
        foreach (var argument in arguments)
        {
            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending != null) Add(pending, null);
                pending = argument[2..];
                int equals = pending.IndexOf('=');
                if (equals > 0)
                {
                    Add(pending[..equals], pending[(equals + 1)..]);
                    pending = null;
                }
            }
            else if (pending != null)
            {
                Add(pending, argument);
                pending = null;
            }
            else throw new InputError($"unexpected argument '{argument}' (options are written --name value)");
        }
        if (pending != null) Add(pending, null);
    }

    void Add(string name, string? value)
    {
        if (!values.TryGetValue(name, out var list)) values[name] = list = new();
        list.Add(value);
    }

    public bool Flag(string name)
    {
        read.Add(name);
        return values.ContainsKey(name);
    }

    public string? Text(string name)
    {
        var all = Texts(name);
        if (all.Count > 1) throw new InputError($"--{name} is given {all.Count} times; give it once");
        return all.Count == 0 ? null : all[0];
    }

    /// <summary>Every value of an option that may be repeated, in command-line order (empty when absent).</summary>
    public IReadOnlyList<string> Texts(string name)
    {
        read.Add(name);
        if (!values.TryGetValue(name, out var list)) return [];
        return list.Select(v => v ?? throw new InputError($"--{name} needs a value")).ToList();
    }

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public string Required(string name) => Text(name) ?? throw new InputError($"--{name} is required");

    public int? Int(string name) => Text(name) == null ? null : Int(name, 0);

    public int Int(string name, int fallback) => Parse(name, fallback, s => int.Parse(s, CultureInfo.InvariantCulture));

    public double Double(string name, double fallback) => Parse(name, fallback, s => double.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>Call after reading every option a command knows: a misspelt option is an error, not silently ignored.</summary>
    public void RejectUnknown()
    {
        var unknown = values.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new InputError($"unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}");
    }

    T Parse<T>(string name, T fallback, Func<string, T> parse)
    {
        var text = Text(name);
        if (text == null) return fallback;
        try { return parse(text); }
        catch (FormatException) { throw new InputError($"--{name} expects a number, got '{text}'"); }
        catch (OverflowException) { throw new InputError($"--{name} is out of range: '{text}'"); }
    }
}
