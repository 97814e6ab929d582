using System.Text;

namespace DynaSplit.Spaces;

/// <summary>
/// One point of a <see cref="ConfigurationSpace"/>: a value for every parameter. Immutable; equal when the
/// spaces have the same parameters and the values are equal. Created by the space, which checks every value
/// against its parameter's domain (validity rules are checked separately, by <see cref="ConfigurationSpace.IsValid(Configuration)"/>).
/// </summary>
public sealed class Configuration : IEquatable<Configuration>
{
    private readonly double[] _values;
    private string? _key;

    internal Configuration(ConfigurationSpace space, double[] values)
    {
        Space = space;
        _values = values;
    }

    /// <summary>The space this configuration belongs to.</summary>
    public ConfigurationSpace Space { get; }

    /// <summary>The encoded values, in the order of <see cref="ConfigurationSpace.Parameters"/>.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The encoded value of a parameter by position.</summary>
    public double this[int index] => _values[index];

    /// <summary>The encoded value of a parameter by name.</summary>
    /// <exception cref="KeyNotFoundException">The space has no such parameter.</exception>
    public double this[string name] => _values[Space.IndexOf(name)];

    /// <summary>The label of a parameter's value (for example "max" or "1800").</summary>
    public string GetLabel(string name)
    {
        var index = Space.IndexOf(name);
        return Space.Parameters[index].Format(_values[index]);
    }

    /// <summary>The value of the first parameter with the given role, or null when the space has none.</summary>
    public double? GetByRole(ParameterRole role)
    {
        var index = Space.IndexOfRole(role);
        return index < 0 ? null : _values[index];
    }

    /// <summary>
    /// A stable, human-readable key: <c>name=label</c> pairs joined by ';' in parameter order,
    /// for example <c>cpu-freq=1800;layer=0;edge-accelerator=off;server-accelerator=True</c>.
    /// </summary>
    public string Key => _key ??= BuildKey();

    /// <inheritdoc />
    public bool Equals(Configuration? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || _values.Length != other._values.Length)
        {
            return false;
        }

        if (!ReferenceEquals(Space, other.Space) && !Space.HasSameParameters(other.Space))
        {
            return false;
        }

        return _values.AsSpan().SequenceEqual(other._values);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Configuration other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Key;

    private string BuildKey()
    {
        var builder = new StringBuilder();
        var parameters = Space.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(';');
            }

            builder.Append(parameters[i].Name).Append('=').Append(parameters[i].Format(_values[i]));
        }

        return builder.ToString();
    }
}
