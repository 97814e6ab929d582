namespace DynaSplit.Hardware.Linux.Processes;

/// <summary>Runs command-line tools (such as <c>nvpmodel</c>); tests replace it with a fake.</summary>
public interface IProcessRunner
{
    /// <summary>True when <paramref name="fileName"/> can be started: an existing file, or a name found on PATH.</summary>
    bool CanRun(string fileName);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> to completion; standard input is closed at once.</summary>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
