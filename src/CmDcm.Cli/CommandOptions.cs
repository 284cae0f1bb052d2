using System.Globalization;

namespace CmDcm.Cli;

/// <summary>`--name value` options and `--flag` switches of one command line; unknown names are an error.</summary>
public sealed class CommandOptions
{
    readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);
    readonly HashSet<string> read = new(StringComparer.Ordinal);

    public CommandOptions(IEnumerable<string> arguments)
    {
        string? pending = null;
        foreach (var argument in arguments)
        {
            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending != null) values[pending] = null;
                pending = argument[2..];
                int equals = pending.IndexOf('=');
                if (equals > 0)
                {
                    values[pending[..equals]] = pending[(equals + 1)..];
                    pending = null;
                }
            }
            else if (pending != null)
            {
                values[pending] = argument;
                pending = null;
            }
            else throw new InputError($"unexpected argument '{argument}' (options are written --name value)");
        }
        if (pending != null) values[pending] = null;
    }

    public bool Flag(string name)
    {
        read.Add(name);
        return values.ContainsKey(name);
    }

    public string? Text(string name)
    {
        read.Add(name);
        if (!values.TryGetValue(name, out var value)) return null;
        return value ?? throw new InputError($"--{name} needs a value");
    }

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    public string Required(string name) => Text(name) ?? throw new InputError($"--{name} is required");

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
