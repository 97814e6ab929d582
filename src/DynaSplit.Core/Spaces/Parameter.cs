namespace DynaSplit.Spaces;

/// <summary>
/// One named dimension of a <see cref="ConfigurationSpace"/>. Values are encoded as <see cref="double"/>:
/// integers and ordered levels as themselves, categorical choices as their index.
/// </summary>
public abstract class Parameter
{
    /// <summary>Creates a parameter.</summary>
    /// <param name="name">A name made of letters, digits, '-', '_', '.' or ':'.</param>
    /// <param name="role">What the parameter controls.</param>
    protected Parameter(string name, ParameterRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var ch in name)
        {
            if (!(char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' or ':' or ' ' or '(' or ')'))
            {
                throw new ArgumentException(
                    $"Parameter name '{name}' contains '{ch}'. Use letters, digits, spaces, '-', '_', '.', ':' or parentheses: '=' and ';' are reserved for configuration keys.",
                    nameof(name));
            }
        }

        Name = name;
        _role = role;
        (_setting, _tier) = ParameterRoles.ToSetting(role);
    }

    /// <summary>The parameter's name, unique within its space.</summary>
    public string Name { get; }

    private readonly ParameterRole _role;

    /// <summary>
    /// What the parameter controls, as one of the two-tier roles: given at construction, or derived from
    /// <see cref="Setting"/> and <see cref="Tier"/> (<see cref="ParameterRole.Other"/> when no role fits).
    /// </summary>
    public ParameterRole Role => ParameterRoles.FromSetting(Setting, Tier) is var derived && derived != ParameterRole.Other ? derived : _role;

    /// <summary>
    /// The kind of setting the parameter controls (a cut point, a CPU frequency, ...). Derived from the role given at
    /// construction unless set.
    /// </summary>
    public SettingKind Setting
    {
        get => _setting;
        init => _setting = value;
    }

    private SettingKind _setting;

    /// <summary>
    /// The tier whose setting this is (for example edge, cloud), or null for parameters of the whole system (cut
    /// points). Derived from the role given at construction unless set.
    /// </summary>
    public string? Tier
    {
        get => _tier;
        init => _tier = value is null ? null : Topology.TierNames.Validate(value, nameof(Tier));
    }

    private string? _tier;

    /// <summary>A copy of the parameter that controls <paramref name="setting"/> on <paramref name="tier"/> (same name and domain).</summary>
    public Parameter WithTarget(SettingKind setting, string? tier)
    {
        var copy = (Parameter)MemberwiseClone();
        copy._setting = setting;
        copy._tier = tier is null ? null : Topology.TierNames.Validate(tier, nameof(tier));
        return copy;
    }

    /// <summary>The unit of the encoded values (for example kHz, MHz, Hz), or null when they have none.</summary>
    public virtual string? Unit => null;

    /// <summary>The parameter's tier and setting for messages: <c>cpu_freq (edge CpuFrequency, kHz)</c>.</summary>
    public string Describe() =>
        $"{Name} ({(Tier is null ? string.Empty : Tier + " ")}{Setting}{(Unit is null ? string.Empty : ", " + Unit)})";

    /// <summary>The kind of domain, as written in lookup tables.</summary>
    public abstract ParameterKind Kind { get; }

    /// <summary>True when the domain is a finite list of levels.</summary>
    public bool IsDiscrete => Kind != ParameterKind.Real;

    /// <summary>The number of levels of a discrete parameter; 0 for a real-valued one.</summary>
    public abstract int LevelCount { get; }

    /// <summary>The encoded value of level <paramref name="level"/> (0-based, in the domain's order).</summary>
    public abstract double ValueAt(int level);

    /// <summary>The level of an encoded value, or -1 when the value is not in the domain.</summary>
    public abstract int LevelOf(double value);

    /// <summary>True when <paramref name="value"/> belongs to the domain.</summary>
    public virtual bool Contains(double value) => LevelOf(value) >= 0;

    /// <summary>The human-readable label of an encoded value (invariant culture).</summary>
    public abstract string Format(double value);

    /// <summary>Parses a label written by <see cref="Format"/> (or an equivalent number) into an encoded value in the domain.</summary>
    public abstract bool TryParse(string label, out double value);

    /// <summary>The smallest encoded value.</summary>
    public abstract double Minimum { get; }

    /// <summary>The largest encoded value.</summary>
    public abstract double Maximum { get; }

    /// <summary>A short description of the domain for error messages.</summary>
    public abstract string DescribeDomain();

    /// <inheritdoc />
    public override string ToString() => $"{Name} {DescribeDomain()}";
}
