using System.Text.Json;

namespace CmDcm.Bench;

static class Json
{
    /// <summary>The one line bench/run collects from a command.</summary>
    public static void Print(object result) => Console.WriteLine(JsonSerializer.Serialize(result));
}
