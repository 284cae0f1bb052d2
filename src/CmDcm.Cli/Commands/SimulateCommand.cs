using System.Globalization;
using CmDcm.Data.Simulation;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm simulate`: writes a seeded promotion dataset in the Taobao layout and shows it matches its targets.</summary>
public sealed class SimulateCommand : ICommand
{
    public string Name => "simulate";

    public string Summary => "generate a seeded promotion dataset (--out DIR [--profile ci|default] [--users N] [--items N] [--categories N] [--seed S] [--calendar taobao|industrial-sim])";

    public int Run(CommandOptions options)
    {
        var config = SimulatorConfig.Preset(options.Text("profile", "default"));
        var users = options.Text("users");
        var seed = options.Text("seed");
        config = config with
        {
            Users = users == null ? config.Users : options.Int("users", config.Users),
            Items = options.Int("items", config.Items),
            Categories = options.Int("categories", config.Categories),
            Seed = seed == null ? config.Seed : ParseSeed(seed),
            Calendar = options.Text("calendar", config.Calendar),
        };
        var outDir = options.Required("out");
        options.RejectUnknown();

        var summary = PromotionSimulator.Run(config, outDir);
        Console.WriteLine($"-> {outDir}");
        Console.WriteLine(summary.Describe());
        return 0;
    }

    static long ParseSeed(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : throw new InputError($"--seed expects an integer, got '{text}'");

}
