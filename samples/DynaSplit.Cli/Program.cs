using System.CommandLine;
using DynaSplit.Cli.Commands;

OnnxRuntimeTelemetry.DisableUnlessSet(); // before ONNX Runtime starts: no uploads, no files left behind

var root = new RootCommand("DynaSplit for .NET: energy-aware split inference between edge and cloud. Run with no arguments to replay the paper's VGG16 testbed.");

// One command per file under Commands/.
foreach (var command in new[]
{
    SimulateCommand.Create(),
    HypervolumeCommand.Create(),
    InspectCommand.Create(),
    SplitCommand.Create(),
    VerifyCommand.Create(),
    ProfileCommand.Create(),
    ServeCommand.Create(),
    ExportTritonCommand.Create(),
    PlotCommand.Create(),
    PlaceCommand.Create(),
    OptimizeCommand.Create(),
    RunCommand.Create(),
})
{
    root.Subcommands.Add(command);
}

// With no arguments, run the main job: `simulate` on the embedded VGG16 pool. Exit codes: see ExitCodes.cs.
return await CliHost.RunAsync(root, args.Length == 0 ? ["simulate"] : args);
