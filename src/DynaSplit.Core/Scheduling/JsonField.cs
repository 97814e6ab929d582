using System.Globalization;
using System.Text.Json;

namespace DynaSplit.Scheduling;

/// <summary>
/// A value read from a lookup table's JSON with its path (<c>entries[3].objectives.latency</c>), so that every
/// missing field and every value of the wrong type is named in the error. Errors are <see cref="FormatException"/>s;
/// <see cref="LookupTableJson"/> adds the file's name.
/// </summary>
internal readonly struct JsonField
{
    private const int MaxShownLength = 40;

    public JsonField(JsonElement value, string path)
    {
        Value = value;
        Path = path;
    }

    /// <summary>The value.</summary>
    public JsonElement Value { get; }

    /// <summary>Where the value is, from the document's root (empty for the root).</summary>
    public string Path { get; }

    /// <summary>The member <paramref name="name"/> of this object.</summary>
    /// <exception cref="FormatException">This is not an object, or it has no such member.</exception>
    public JsonField Required(string name) =>
        TryGet(name, out var field) ? field : throw new FormatException($"{Child(name)} is missing.");

    /// <summary>The member <paramref name="name"/> of this object, when it has one.</summary>
    /// <exception cref="FormatException">This is not an object.</exception>
    public bool TryGet(string name, out JsonField field)
    {
        ExpectKind(JsonValueKind.Object, "an object");
        if (Value.TryGetProperty(name, out var value))
        {
            field = new JsonField(value, Child(name));
            return true;
        }

        field = default;
        return false;
    }

    /// <summary>The value as a string.</summary>
    /// <exception cref="FormatException">The value is not a string.</exception>
    public string String()
    {
        ExpectKind(JsonValueKind.String, "a string");
        return Value.GetString()!;
    }

    /// <summary>The value as a finite number.</summary>
    /// <exception cref="FormatException">The value is not a number or not finite.</exception>
    public double Number()
    {
        ExpectKind(JsonValueKind.Number, "a number");
        return Value.TryGetDouble(out var number) && double.IsFinite(number) ? number : throw Wrong("a finite number");
    }

    /// <summary>The value as a 32-bit integer.</summary>
    /// <exception cref="FormatException">The value is not an integer in range.</exception>
    public int Int32()
    {
        ExpectKind(JsonValueKind.Number, "an integer");
        return Value.TryGetInt32(out var number) ? number : throw Wrong("an integer between -2^31 and 2^31-1");
    }

    /// <summary>The value as a 64-bit integer.</summary>
    /// <exception cref="FormatException">The value is not an integer in range.</exception>
    public long Int64()
    {
        ExpectKind(JsonValueKind.Number, "an integer");
        return Value.TryGetInt64(out var number) ? number : throw Wrong("an integer between -2^63 and 2^63-1");
    }

    /// <summary>The items of this array, each with its path.</summary>
    /// <exception cref="FormatException">This is not an array.</exception>
    public IEnumerable<JsonField> Items()
    {
        ExpectKind(JsonValueKind.Array, "an array");
        return Enumerate(Value, Path);

        static IEnumerable<JsonField> Enumerate(JsonElement array, string path)
        {
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                yield return new JsonField(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"));
            }
        }
    }

    /// <summary>The members of this object, each with its path.</summary>
    /// <exception cref="FormatException">This is not an object.</exception>
    public IEnumerable<(string Name, JsonField Field)> Members()
    {
        ExpectKind(JsonValueKind.Object, "an object");
        var path = this;
        return Value.EnumerateObject().Select(p => (p.Name, new JsonField(p.Value, path.Child(p.Name)))).ToArray();
    }

    /// <summary>An error about this field: <c>PATH: message</c>.</summary>
    public FormatException Error(string message) => new($"{Name}: {message}");

    private string Name => Path.Length == 0 ? "the document" : Path;

    private string Child(string name)
    {
        var simple = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        var member = simple ? name : $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
        return Path.Length == 0 ? member : simple ? $"{Path}.{member}" : Path + member;
    }

    private void ExpectKind(JsonValueKind kind, string expected)
    {
        if (Value.ValueKind != kind)
        {
            throw Wrong(expected);
        }
    }

    private FormatException Wrong(string expected)
    {
        var shown = Value.ValueKind == JsonValueKind.Undefined ? "undefined" : Value.GetRawText();
        if (shown.Length > MaxShownLength)
        {
            shown = string.Concat(shown.AsSpan(0, MaxShownLength), "...");
        }

        return new FormatException($"{Name} is {shown}, expected {expected}.");
    }
}
