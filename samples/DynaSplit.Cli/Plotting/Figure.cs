using ScottPlot;
using SkiaSharp;

namespace DynaSplit.Cli.Plotting;

/// <summary>
/// One picture of one or more ScottPlot panels on a grid, saved as PNG or SVG by the file's extension.
/// </summary>
internal sealed class Figure(int width, int height, int rows, int columns)
{
    private readonly List<(Plot Plot, int Row, int Column, int RowSpan, int ColumnSpan)> _panels = [];

    public int Width { get; } = width;

    public int Height { get; } = height;

    /// <summary>The grid's columns.</summary>
    public int Columns => columns;

    /// <summary>Adds a panel covering the given cells of the grid.</summary>
    public Plot Add(int row, int column, int rowSpan = 1, int columnSpan = 1)
    {
        var plot = new Plot();
        _panels.Add((plot, row, column, rowSpan, columnSpan));
        return plot;
    }

    /// <summary>
    /// Throws when <paramref name="path"/> is not a .png or .svg file in an existing folder: called before a
    /// long run so that a typo costs nothing.
    /// </summary>
    public static void CheckPath(string path, string option)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new ArgumentException($"{option} '{path}': the picture is written as PNG or SVG; name the file *.png or *.svg.");
        }

        Commands.OutputFile.Check(path, option);
    }

    /// <summary>Writes the picture to <paramref name="path"/> (PNG or SVG, by extension) through a temporary file in the same folder.</summary>
    public void Save(string path)
    {
        CheckPath(path, "the picture");
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                if (Path.GetExtension(full).Equals(".svg", StringComparison.OrdinalIgnoreCase))
                {
                    using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), file);
                    Render(canvas);
                }
                else
                {
                    using var surface = SKSurface.Create(new SKImageInfo(Width, Height)) ?? throw new InvalidOperationException($"Cannot create a {Width}x{Height} drawing surface.");
                    Render(surface.Canvas);
                    using var image = surface.Snapshot();
                    using var data = image.Encode(SKEncodedImageFormat.Png, 100);
                    data.SaveTo(file);
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private void Render(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        var rowHeight = (float)Height / rows;
        var columnWidth = (float)Width / columns;
        foreach (var (plot, row, column, rowSpan, columnSpan) in _panels)
        {
            var rect = new PixelRect(column * columnWidth, (column + columnSpan) * columnWidth, (row + rowSpan) * rowHeight, row * rowHeight);
            // Each panel clears its background: clip it to its own cell so it does not wipe the others.
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            plot.Render(canvas, rect);
            canvas.Restore();
        }
    }
}
