namespace DynaSplit.Hardware.Linux.Processes;

/// <summary>The outcome of a finished process.</summary>
/// <param name="ExitCode">The exit status.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
