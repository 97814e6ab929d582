using System.Text;

namespace DynaSplit.Simulation.Csv;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, double quotes around fields that hold commas or quotes
/// ("" inside quotes is a quote). Yields each record with its 1-based line number.
/// </summary>
internal static class CsvReader
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var position = 0;
            while (true)
            {
                if (position == text.Length)
                {
                    if (!quoted)
                    {
                        break;
                    }

                    // A quoted field continues on the next line.
                    var next = reader.ReadLine() ?? throw new FormatException($"line {start}: a quoted field is not closed before the end of the file.");
                    line++;
                    field.Append('\n');
                    text = next;
                    position = 0;
                    continue;
                }

                var ch = text[position++];
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            field.Append('"');
                            position++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        field.Append(ch);
                    }
                }
                else if (ch == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (ch == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else
                {
                    field.Append(ch);
                }
            }

            fields.Add(field.ToString());
            if (fields.Count == 1 && fields[0].Trim().Length == 0)
            {
                continue; // blank line
            }

            yield return (start, fields.ToArray());
        }
    }
}
