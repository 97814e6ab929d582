using DynaSplit.Spaces;

namespace DynaSplit.Optimization.Evolutionary;

/// <summary>
/// Crossover and mutation over mixed genomes: simulated binary crossover and polynomial mutation (Deb and Agrawal
/// 1995, bounded form) for real, integer and ordinal genes; uniform swap and uniform resampling for categorical ones.
/// </summary>
internal sealed class Variation(GenomeCodec codec, GeneticOptions options, Random random)
{
    private readonly double _mutationProbability = options.MutationProbability ?? 1.0 / codec.Length;

    /// <summary>Crosses two parents into two children (copies when crossover does not happen).</summary>
    public (double[] First, double[] Second) Crossover(double[] a, double[] b)
    {
        var c1 = (double[])a.Clone();
        var c2 = (double[])b.Clone();
        if (random.NextDouble() > options.CrossoverProbability)
        {
            return (c1, c2);
        }

        var eta = options.CrossoverEta;
        for (var i = 0; i < codec.Length; i++)
        {
            if (random.NextDouble() > options.CrossoverVariableProbability)
            {
                continue;
            }

            if (codec.Kinds[i] == ParameterKind.Categorical)
            {
                (c1[i], c2[i]) = (c2[i], c1[i]);
                continue;
            }

            var y1 = Math.Min(a[i], b[i]);
            var y2 = Math.Max(a[i], b[i]);
            if (y2 - y1 <= 1e-14)
            {
                continue;
            }

            var lower = codec.Lower[i];
            var upper = codec.Upper[i];
            var u = random.NextDouble();
            var spread = y2 - y1;

            var beta = 1.0 + (2.0 * (y1 - lower) / spread);
            var alpha = 2.0 - Math.Pow(beta, -(eta + 1.0));
            var first = 0.5 * (y1 + y2 - (SpreadFactor(u, alpha, eta) * spread));

            beta = 1.0 + (2.0 * (upper - y2) / spread);
            alpha = 2.0 - Math.Pow(beta, -(eta + 1.0));
            var second = 0.5 * (y1 + y2 + (SpreadFactor(u, alpha, eta) * spread));

            first = Math.Clamp(first, lower, upper);
            second = Math.Clamp(second, lower, upper);
            if (random.NextDouble() < 0.5)
            {
                (first, second) = (second, first);
            }

            c1[i] = first;
            c2[i] = second;
        }

        return (c1, c2);
    }

    /// <summary>Mutates each gene with the mutation probability, in place.</summary>
    public void Mutate(double[] genes)
    {
        for (var i = 0; i < codec.Length; i++)
        {
            if (random.NextDouble() < _mutationProbability)
            {
                MutateGene(genes, i);
            }
        }
    }

    /// <summary>
    /// Changes <paramref name="count"/> randomly chosen genes (each to a different level or value), so that a
    /// child equal to an evaluated configuration moves to a nearby unseen one.
    /// </summary>
    public void Perturb(double[] genes, int count)
    {
        for (var k = 0; k < count; k++)
        {
            MutateGene(genes, random.Next(codec.Length));
        }
    }

    /// <summary>Changes gene <paramref name="i"/>; a discrete gene always moves to another level when it has one.</summary>
    public void MutateGene(double[] genes, int i)
    {
        var lower = codec.Lower[i];
        var upper = codec.Upper[i];
        if (upper <= lower)
        {
            return;
        }

        switch (codec.Kinds[i])
        {
            case ParameterKind.Categorical:
            {
                var levels = (int)upper + 1;
                var current = (int)Math.Round(genes[i]);
                var next = random.Next(levels - 1);
                genes[i] = next >= current ? next + 1 : next;
                break;
            }

            case ParameterKind.Real:
                genes[i] = Polynomial(genes[i], lower, upper);
                break;

            default:
            {

                // Polynomial mutation on the level index over [-0.5, L - 0.5], then a forced step when it rounds back.
                var current = Math.Round(genes[i], MidpointRounding.AwayFromZero);
                var moved = Math.Round(Math.Clamp(Polynomial(current, lower - 0.5, upper + 0.5), lower, upper), MidpointRounding.AwayFromZero);
                if (moved == current)
                {
                    moved = current <= lower ? current + 1
                        : current >= upper ? current - 1
                        : current + (random.Next(2) == 0 ? -1 : 1);
                }

                genes[i] = moved;
                break;
            }
        }
    }

    /// <summary>A uniformly random genome.</summary>
    public double[] RandomGenome()
    {
        var genes = new double[codec.Length];
        for (var i = 0; i < codec.Length; i++)
        {
            genes[i] = codec.Kinds[i] == ParameterKind.Real
                ? codec.Lower[i] + (random.NextDouble() * (codec.Upper[i] - codec.Lower[i]))
                : random.Next((int)codec.Upper[i] + 1);
        }

        return genes;
    }

    private static double SpreadFactor(double u, double alpha, double eta) =>
        u <= 1.0 / alpha
            ? Math.Pow(u * alpha, 1.0 / (eta + 1.0))
            : Math.Pow(1.0 / (2.0 - (u * alpha)), 1.0 / (eta + 1.0));

    private double Polynomial(double y, double lower, double upper)
    {
        var eta = options.MutationEta;
        var range = upper - lower;
        var delta1 = (y - lower) / range;
        var delta2 = (upper - y) / range;
        var u = random.NextDouble();
        var power = 1.0 / (eta + 1.0);
        double deltaQ;
        if (u < 0.5)
        {
            var value = (2.0 * u) + ((1.0 - (2.0 * u)) * Math.Pow(1.0 - delta1, eta + 1.0));
            deltaQ = Math.Pow(value, power) - 1.0;
        }
        else
        {
            var value = (2.0 * (1.0 - u)) + (2.0 * (u - 0.5) * Math.Pow(1.0 - delta2, eta + 1.0));
            deltaQ = 1.0 - Math.Pow(value, power);
        }

        return Math.Clamp(y + (deltaQ * range), lower, upper);
    }
}
