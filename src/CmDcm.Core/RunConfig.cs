using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CmDcm.Models;
using CmDcm.Pipeline;
using CmDcm.Training;

namespace CmDcm;

/// <summary>
/// One reproduction's settings, loaded from configs/{profile}.json (embedded in the library) and saved
/// beside its results. Experiments are data, not code.
/// </summary>
public sealed record RunConfig
{
    public string Profile { get; init; } = "default";
    public string Description { get; init; } = "";
    public string SimulatorPreset { get; init; } = "default";
    /// <summary>Overrides the simulator preset's number of users (small test runs).</summary>
    public int? SimulatorUsers { get; init; }
    /// <summary>
    /// Simulated users per dataset, over <see cref="SimulatorUsers"/> (industrial-sim's five promotion cycles give a
    /// user about five times the clicks of the one-event taobao calendar, so it gets about a fifth of the users).
    /// </summary>
    public Dictionary<string, int>? DatasetSimulatorUsers { get; init; }
    /// <summary>"random" (per click) or "user" (each user on one side).</summary>
    public string Split { get; init; } = "random";
    public int SplitSeed { get; init; } = 2024;
    public int[] Seeds { get; init; } = [1];
    /// <summary>Registry names to run (Table 2 and Table 3 rows); null runs them all.</summary>
    public string[]? Methods { get; init; }
    public string Device { get; init; } = "auto";
    public TrainingConfig Pretrain { get; init; } = new();
    public TrainingConfig Finetune { get; init; } = new();
    public ModelConfig Model { get; init; } = new();
    /// <summary>The α / λ_CM / λ_cf grid tried on a validation split before CM-DCM trains; null keeps Model's values.</summary>
    public HyperparameterGrid? Grid { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<string> Profiles { get; } = ["ci", "default", "paper"];

    /// <summary>A built-in profile by name, or a config JSON file by path.</summary>
    public static RunConfig Load(string profileOrPath)
    {
        string text;
        if (File.Exists(profileOrPath)) text = File.ReadAllText(profileOrPath);
        else
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"CmDcm.configs.{profileOrPath}.json")
                ?? throw new InputError($"unknown profile '{profileOrPath}': use one of {string.Join(", ", Profiles)} or a path to a config JSON file");
            text = new StreamReader(stream).ReadToEnd();
        }
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(text, Json) ?? throw new InputError($"config {profileOrPath} is empty");
        }
        catch (JsonException e)
        {
            // JsonException's message names our types; the path and line are what a reader can act on.
            throw new InputError($"config {profileOrPath} is not a valid run config (see configs/*.json): {e.Path ?? "$"}, line {(e.LineNumber ?? 0) + 1}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
