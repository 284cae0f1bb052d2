using CmDcm;
using CmDcm.Cli;
using CmDcm.Cli.Commands;

ICommand[] commands =
[
    new ReproduceCommand(),
    new SimulateCommand(),
    new IngestCommand(),
    new LabelsCommand(),
    new MetricsCommand(),
    new TablesCommand(),
];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    // Asked-for help succeeds; no command at all is a usage error (scripts see a non-zero exit).
    var usage = args.Length == 0 ? Console.Error : Console.Out;
    usage.WriteLine("cmdcm: the CM-DCM reproducibility kit\n\nusage: cmdcm COMMAND [--option value ...]\n");
    foreach (var c in commands) usage.WriteLine($"  {c.Name,-10} {c.Summary}");
    return args.Length == 0 ? 2 : 0;
}

var command = commands.FirstOrDefault(c => c.Name == args[0]);
if (command == null)
{
    Console.Error.WriteLine($"cmdcm: unknown command '{args[0]}'. Commands: {string.Join(", ", commands.Select(c => c.Name))}");
    return 2;
}

try
{
    return command.Run(new CommandOptions(args.Skip(1)));
}
catch (Exception e) when (e is InputError or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"cmdcm {command.Name}: {e.Message}");
    return 2;
}
catch (CmDcm.Training.TrainingDivergedException e)
{
    // Not the input's fault as such, but a message naming method, epoch and batch, not a stack trace.
    Console.Error.WriteLine($"cmdcm {command.Name}: {e.Message}");
    return 3;
}
