using System.Diagnostics;
using DuckDB.NET.Data;

namespace CmDcm.Bench;

/// <summary>
/// The DuckDB peer of `cmdcm ingest`: read_csv of the headerless Taobao layout with explicit column
/// types, COPY to Parquet, through the DuckDB.NET ADO.NET provider.
/// </summary>
static class DuckDbIngest
{
    public static int Run(BenchArgs args)
    {
        var input = Path.GetFullPath(args.Text("input"));
        var output = Path.GetFullPath(args.Text("out"));
        long threads = args.Long("threads", Environment.ProcessorCount);
        if (!File.Exists(input)) throw new InputError($"{input}: no such file");

        var clock = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SET threads = {threads}";
        command.ExecuteNonQuery();
        command.CommandText =
            $"COPY (SELECT * FROM read_csv('{Quote(input)}', header = false, delim = ',', " +
            "columns = {'user': 'BIGINT', 'item': 'BIGINT', 'category': 'BIGINT', 'behavior': 'VARCHAR', 'ts': 'BIGINT'})) " +
            $"TO '{Quote(output)}' (FORMAT parquet)";
        long rows = command.ExecuteNonQuery();
        Json.Print(new { tool = "duckdb", version = connection.ServerVersion, rows, seconds = clock.Elapsed.TotalSeconds });
        return 0;
    }

    static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
