using Spectre.Console;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// A result table: drawn with Spectre.Console on a terminal, and as plain aligned text (the same bytes on every
/// run, fit for diff and grep) when standard output is redirected.
/// </summary>
/// <param name="separator">Between the plain-text columns.</param>
internal sealed class CliTable(string separator = " ")
{
    private readonly List<(string Header, int Width, bool Right)> _columns = [];
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a left-aligned column at least <paramref name="width"/> characters wide in plain text.</summary>
    public CliTable Left(string header, int width = 0)
    {
        _columns.Add((header, width, false));
        return this;
    }

    /// <summary>Adds a right-aligned column at least <paramref name="width"/> characters wide in plain text.</summary>
    public CliTable Right(string header, int width = 0)
    {
        _columns.Add((header, width, true));
        return this;
    }

    public CliTable Row(params string[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"A row of {cells.Length} cells in a table of {_columns.Count} columns.");
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>Writes the table: a Spectre.Console table to <paramref name="console"/>, or plain text to <paramref name="plain"/> when it is null.</summary>
    public void Write(IAnsiConsole? console, TextWriter plain)
    {
        if (console is not null)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var (header, _, right) in _columns)
            {
                var column = new TableColumn(new Markup($"[bold]{Markup.Escape(header)}[/]"));
                table.AddColumn(right ? column.RightAligned() : column);
            }

            foreach (var row in _rows)
            {
                table.AddRow(row.Select(cell => new Text(cell)).ToArray<Spectre.Console.Rendering.IRenderable>());
            }

            console.Write(table);
            return;
        }

        var widths = _columns.Select((c, i) => Math.Max(c.Width, Math.Max(c.Header.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length)))).ToArray();
        plain.WriteLine(Line(_columns.Select(c => c.Header).ToArray(), widths));
        foreach (var row in _rows)
        {
            plain.WriteLine(Line(row, widths));
        }
    }

    private string Line(string[] cells, int[] widths) =>
        string.Join(separator, cells.Select((cell, i) => _columns[i].Right ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
}
