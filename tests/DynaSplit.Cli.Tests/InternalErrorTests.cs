using System.CommandLine;
using DynaSplit.Cli.Commands;

namespace DynaSplit.Cli.Tests;

/// <summary>
/// A bug in a command (an exception no input causes) exits 70 with one line on stderr, and the stack trace only
/// under --verbose: the CLI's own host runs a command that fails on purpose.
/// </summary>
[NonParallelizable]
public sealed class InternalErrorTests
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task AnUnexpectedExceptionExits70WithItsStackTraceOnlyWhenVerbose(bool verbose)
    {
        var root = new RootCommand("test");
        var failing = new Command("fail", "Throws what no input causes.");
        failing.SetAction((_, _) => Task.FromResult(Fail()));
        root.Subcommands.Add(failing);

        var error = new StringWriter();
        var output = new StringWriter();
        var (previousError, previousOutput) = (Console.Error, Console.Out);
        Console.SetError(error);
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await CliHost.RunAsync(root, verbose ? ["fail", "--verbose"] : ["fail"]);
        }
        finally
        {
            Console.SetError(previousError);
            Console.SetOut(previousOutput);
        }

        Assert.That(exit, Is.EqualTo(70));
        Assert.That(output.ToString(), Is.Empty);
        var text = error.ToString();
        if (verbose)
        {
            Assert.That(text, Does.StartWith("internal error: System.InvalidCastException: the widget is not a gadget"));
            Assert.That(text, Does.Contain("   at ").And.Contain(nameof(Fail)), "the stack trace, down to the throwing method");
        }
        else
        {
            Assert.That(text.TrimEnd(), Is.EqualTo("internal error: InvalidCastException: the widget is not a gadget (run again with --verbose for the stack trace, and please report it)"));
        }
    }

    [Test]
    public async Task ABadOptionIsBadInputNotAnInternalError()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await CliHost.RunAsync(new RootCommand("test") { new Command("fail") }, ["fail", "--no-such-option"]);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("--no-such-option").And.Contain("Run 'dynasplit fail --help' for usage."));
    }

    private static int Fail() => throw new InvalidCastException("the widget is not a gadget");
}
