namespace DynaSplit.Cli.Commands;

/// <summary>The CLI's documented exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary><c>verify</c>: a split point is out of tolerance.</summary>
    public const int OutOfTolerance = 1;

    /// <summary>Bad input: a parse error, an invalid option, a file that cannot be read or written.</summary>
    public const int BadInput = 2;

    /// <summary>An internal error (a bug): one line on stderr, the stack trace with <c>--verbose</c>.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted by SIGINT (Ctrl+C): 128 + 2, as a shell reports a process the signal ended.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
