using CmDcm;
using CmDcm.Bench;

// The benchmark console behind bench/run: each command measures one thing and prints one JSON line.
var commands = new Dictionary<string, Func<BenchArgs, int>>
{
    ["duckdb-ingest"] = DuckDbIngest.Run,
    ["auc"] = AucBench.Run,
    ["train"] = TrainingBench.Run,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: cmdcm-bench {string.Join("|", commands.Keys)} [--option value ...]");
    return 2;
}

try
{
    return command(new BenchArgs(args.Skip(1)));
}
catch (InputError e)
{
    Console.Error.WriteLine($"cmdcm-bench {args[0]}: {e.Message}");
    return 2;
}
