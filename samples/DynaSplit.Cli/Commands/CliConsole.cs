using Spectre.Console;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// Whether a command talks to a person: progress bars, live status and Spectre.Console tables only when both
/// standard output and standard error are terminals and no JSON was asked for; otherwise standard output carries
/// exactly the table or the JSON, and nothing else.
/// </summary>
internal static class CliConsole
{
    /// <summary>The console to draw on, or null when output is redirected or <paramref name="json"/> is set.</summary>
    public static IAnsiConsole? Interactive(bool json)
    {
        if (json || Console.IsOutputRedirected || Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") is "dumb")
        {
            return null;
        }

        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> under a progress bar with one task named <paramref name="description"/> when
    /// <paramref name="console"/> is set, or silently when it is null. The bar is cleared when the work ends.
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(IAnsiConsole? console, string description, Func<IProgressBar, Task<T>> work)
    {
        if (console is null)
        {
            return await work(NoProgressBar.Instance).ConfigureAwait(false);
        }

        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context => await work(new SpectreProgressBar(context.AddTask(Markup.Escape(description)))).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    /// <summary>Shows a spinner with <paramref name="status"/> while <paramref name="work"/> runs (for a step of unknown length).</summary>
    public static async Task<T> WithStatusAsync<T>(IAnsiConsole? console, string status, Func<Task<T>> work)
    {
        if (console is null)
        {
            return await work().ConfigureAwait(false);
        }

        return await console.Status().StartAsync(Markup.Escape(status), async _ => await work().ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Writes a line of context (pool, optimizer, workload) above a table: dimmed on a terminal.</summary>
    public static void Note(IAnsiConsole? console, string text)
    {
        if (console is null)
        {
            Console.WriteLine(text);
        }
        else
        {
            console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
        }
    }

    private sealed class NoProgressBar : IProgressBar
    {
        public static readonly NoProgressBar Instance = new();

        public void Update(double value, double maxValue, string? description = null)
        {
        }
    }

    private sealed class SpectreProgressBar(ProgressTask task) : IProgressBar
    {
        public void Update(double value, double maxValue, string? description = null)
        {
            task.MaxValue = Math.Max(maxValue, 1);
            task.Value = Math.Min(value, task.MaxValue);
            if (description is not null)
            {
                task.Description = Markup.Escape(description);
            }
        }
    }
}
