using System.Globalization;

namespace DynaSplit.Cli.Commands;

/// <summary>One request of `run`: its latency threshold and the seed of its random input.</summary>
/// <param name="Line">The line it was read from (1-based).</param>
/// <param name="ThresholdMs">The latency threshold, ms.</param>
/// <param name="Seed">The seed of the input tensors.</param>
internal sealed record RequestLine(int Line, double ThresholdMs, int Seed);

/// <summary>
/// Reads `run`'s requests: one per line, a latency threshold in ms and optionally an input seed, separated by a comma,
/// a space or a tab (<c>250</c>, <c>250,7</c>, <c>250 7</c>). Blank lines and lines starting with '#' are skipped; a
/// request without a seed uses its own position (0, 1, ...), so every request has its own input.
/// </summary>
internal static class RequestFile
{
    private static readonly char[] Separators = [',', ' ', '\t', ';'];

    /// <summary>Reads requests lazily from <paramref name="reader"/> (a file or standard input), so a pipe is served as it arrives.</summary>
    /// <exception cref="FormatException">A line is not a threshold (and a seed); the message names the line.</exception>
    public static async IAsyncEnumerable<RequestLine> ReadAsync(TextReader reader, string source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        var index = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            yield return Parse(text, number, index++, source);
        }
    }

    /// <summary>Parses one non-empty line.</summary>
    public static RequestLine Parse(string text, int line, int index, string source)
    {
        var fields = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length is < 1 or > 2)
        {
            throw new FormatException($"{source}, line {line}: '{text}' is not 'THRESHOLD_MS' or 'THRESHOLD_MS,SEED'.");
        }

        if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) || !double.IsFinite(threshold) || threshold <= 0)
        {
            throw new FormatException($"{source}, line {line}: '{fields[0]}' is not a positive latency threshold in ms (for example 250 or 87.5).");
        }

        var seed = index;
        if (fields.Length == 2 && !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new FormatException($"{source}, line {line}: the seed '{fields[1]}' is not an integer.");
        }

        return new RequestLine(line, threshold, seed);
    }
}
