using System.Diagnostics;
using System.Reflection;

namespace DynaSplit.Cli.Tests;

/// <summary>Runs the built `dynasplit` CLI as a process.</summary>
internal static class Cli
{
    private static string Path => Metadata("CliPath");

    /// <summary>A vendored test model (tests/DynaSplit.OnnxRuntime.Tests/Models).</summary>
    public static string Model(string file) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Metadata("ModelsPath"), file));

    /// <summary>A file of the repository (docs/traces, docs/switch-costs).</summary>
    public static string RepositoryFile(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Metadata("ModelsPath"), "..", "..", "..", relative));

    private static string Metadata(string key) => typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>The command line that runs the CLI: dotnet and the built dynasplit.dll.</summary>
    public static string CommandLine => $"dotnet '{Path}'";

    /// <summary>Starts the CLI with redirected standard output and error.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs the CLI with <paramref name="input"/> on its standard input (closed at the end), or none when null.</summary>
    public static (int ExitCode, string Output, string Error) RunWithInput(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        start.ArgumentList.Add(Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Execute(start, input, $"dynasplit {string.Join(' ', args)}");
    }

    /// <summary>
    /// Runs the CLI under a pseudo-terminal (util-linux script(1): its standard input, output and error are a terminal,
    /// TERM=xterm-256color, 120 columns) and returns its exit code and everything the terminal showed. Ignores the test
    /// where script(1) is not installed.
    /// </summary>
    public static (int ExitCode, string Terminal) RunUnderTerminal(params string[] args)
    {
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Ignore("util-linux 'script' (to run under a pseudo-terminal) is not installed");
        }

        var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        var command = CommandLine + string.Concat(args.Select(a => " '" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        foreach (var arg in new[] { "-qfec", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "120";
        var (exit, output, error) = Execute(start, string.Empty, $"dynasplit {string.Join(' ', args)} under a pseudo-terminal");
        return (exit, output + error);
    }

    /// <summary>Starts <paramref name="start"/>, writes <paramref name="input"/> (unless null) and closes standard input, and collects both outputs; fails after 3 minutes.</summary>
    private static (int ExitCode, string Output, string Error) Execute(ProcessStartInfo start, string? input, string what)
    {
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish in 3 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
