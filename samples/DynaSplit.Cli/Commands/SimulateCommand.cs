using System.CommandLine;

namespace DynaSplit.Cli.Commands;

/// <summary>`simulate`: offline phase on a replay pool, then a request workload through every strategy.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "Offline phase on a measurement pool, then a workload of requests through every strategy.");
        command.SetAction(_ => 0);
        return command;
    }
}
