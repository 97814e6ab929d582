using System.CommandLine;
using System.Runtime.InteropServices;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// Runs the parsed command with the exit codes of <see cref="ExitCodes"/>: parse errors are bad input (2);
/// SIGINT and SIGTERM cancel the command's token, and the command stops at its next check (130 or 143, one line
/// on stderr); a second signal ends the process at once; an unexpected exception is an internal error (70),
/// with its stack trace only under <c>--verbose</c>.
/// </summary>
internal static class CliHost
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Print the stack trace of an internal error.", Recursive = true };
        root.Options.Add(verbose);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"Run '{string.Join(' ', CommandPath(parse))} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using var cancellation = new CancellationTokenSource();
        PosixSignal? received = null;
        var gate = new object();
        void OnSignal(PosixSignalContext context)
        {
            lock (gate)
            {
                if (received is not null)
                {
                    return; // a second signal: the default action ends the process now
                }

                received = context.Signal;
            }

            context.Cancel = true;
            cancellation.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        int code;
        try
        {
            // On a pool thread, so a command whose body runs synchronously still leaves this one free.
            code = await Task.Run(() => parse.InvokeAsync(configuration, cancellation.Token)).ConfigureAwait(false);
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            code = -1;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(parse.GetValue(verbose)
                ? $"internal error: {ex}"
                : $"internal error: {ex.GetType().Name}: {ex.Message} (run again with --verbose for the stack trace, and please report it)").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }

        if (cancellation.IsCancellationRequested && code != ExitCodes.Ok)
        {
            // A command that stopped on the token (or failed because of it) was interrupted, whatever it returned.
            var terminated = received == PosixSignal.SIGTERM;
            await Console.Error.WriteLineAsync($"interrupted by {(terminated ? "SIGTERM" : "SIGINT")}: the command stopped before finishing.").ConfigureAwait(false);
            return terminated ? ExitCodes.Terminated : ExitCodes.Interrupted;
        }

        return code;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Parent is null ? "dynasplit" : result.Command.Name);
        }

        return names;
    }
}
