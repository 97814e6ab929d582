using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// Maps configurations to genomes and back. A discrete parameter's gene is its level index (integer and ordinal
/// levels keep their order, so arithmetic crossover makes sense; a categorical gene is only ever swapped or
/// resampled); a real parameter's gene is its value.
/// </summary>
internal sealed class GenomeCodec
{
    private readonly Parameter[] _parameters;

    // Mixed-radix weights of the levels (first parameter most significant), for spaces small enough to enumerate.
    private readonly long[]? _strides;

    public GenomeCodec(ConfigurationSpace space)
    {
        Space = space;
        _parameters = space.Parameters.ToArray();
        Length = _parameters.Length;
        Kinds = _parameters.Select(p => p.Kind).ToArray();
        Lower = new double[Length];
        Upper = new double[Length];
        for (var i = 0; i < Length; i++)
        {
            var p = _parameters[i];
            Lower[i] = p.IsDiscrete ? 0 : p.Minimum;
            Upper[i] = p.IsDiscrete ? p.LevelCount - 1 : p.Maximum;
        }

        if (space.IsDiscrete && space.CombinationCount <= int.MaxValue)
        {
            _strides = new long[Length];
            var stride = 1L;
            for (var i = Length - 1; i >= 0; i--)
            {
                _strides[i] = stride;
                stride *= _parameters[i].LevelCount;
            }
        }
    }

    public ConfigurationSpace Space { get; }

    public int Length { get; }

    public ParameterKind[] Kinds { get; }

    public double[] Lower { get; }

    public double[] Upper { get; }

    public double[] Encode(Configuration configuration)
    {
        var genes = new double[Length];
        for (var i = 0; i < Length; i++)
        {
            genes[i] = _parameters[i].IsDiscrete ? _parameters[i].LevelOf(configuration[i]) : configuration[i];
        }

        return genes;
    }

    /// <summary>Rounds discrete genes to levels and clamps every gene into its bounds, in place.</summary>
    public void Normalize(double[] genes)
    {
        for (var i = 0; i < Length; i++)
        {
            var g = double.IsNaN(genes[i]) ? Lower[i] : Math.Clamp(genes[i], Lower[i], Upper[i]);
            genes[i] = Kinds[i] == ParameterKind.Real ? g : Math.Round(g, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>
    /// The ordinal of a normalized genome of a discrete space (the same number as
    /// <see cref="ConfigurationSpace.GetOrdinal"/> gives for its decoded values), computed from the level genes
    /// without decoding, so that duplicate checks against an enumerated space neither decode nor allocate.
    /// </summary>
    /// <exception cref="InvalidOperationException">The space has a real parameter or more than <see cref="int.MaxValue"/> combinations.</exception>
    public long Ordinal(ReadOnlySpan<double> genes)
    {
        var strides = _strides ?? throw new InvalidOperationException("Only discrete spaces of at most int.MaxValue combinations have genome ordinals.");
        long ordinal = 0;
        for (var i = 0; i < strides.Length; i++)
        {
            ordinal += (long)genes[i] * strides[i];
        }

        return ordinal;
    }

    /// <summary>How much the <see cref="Ordinal"/> changes when gene <paramref name="i"/> moves up one level.</summary>
    public long Stride(int i) => _strides![i];

    /// <summary>The encoded configuration values of a normalized genome, written to <paramref name="values"/>.</summary>
    public void Decode(double[] genes, Span<double> values)
    {
        for (var i = 0; i < Length; i++)
        {
            values[i] = _parameters[i].IsDiscrete ? _parameters[i].ValueAt((int)genes[i]) : genes[i];
        }
    }
}
