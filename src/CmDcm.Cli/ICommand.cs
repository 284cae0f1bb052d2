namespace CmDcm.Cli;

/// <summary>One `cmdcm NAME` subcommand.</summary>
public interface ICommand
{
    string Name { get; }
    string Summary { get; }
    int Run(CommandOptions options);
}
