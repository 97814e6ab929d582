using DynaSplit.Spaces;

namespace DynaSplit.Optimization.TestProblems;

/// <summary>
/// The two-objective ZDT problems of Zitzler, Deb and Thiele (2000), on [0, 1]^n: ZDT1 (convex front
/// f2 = 1 - sqrt(f1)), ZDT2 (concave, f2 = 1 - f1^2) and ZDT3 (five disconnected pieces).
/// </summary>
public sealed class Zdt : ITestProblem
{
    private readonly int _variant;

    private Zdt(int variant, int variables)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variables, 2);
        _variant = variant;
        Name = $"ZDT{variant}";
        Space = new ConfigurationSpace(Enumerable.Range(1, variables).Select(i => new RealParameter($"x{i}", 0, 1)));
    }

    /// <summary>ZDT1 with <paramref name="variables"/> variables (30 in the original).</summary>
    public static Zdt Zdt1(int variables = 30) => new(1, variables);

    /// <summary>ZDT2 with <paramref name="variables"/> variables (30 in the original).</summary>
    public static Zdt Zdt2(int variables = 30) => new(2, variables);

    /// <summary>ZDT3 with <paramref name="variables"/> variables (30 in the original).</summary>
    public static Zdt Zdt3(int variables = 30) => new(3, variables);

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ConfigurationSpace Space { get; }

    /// <inheritdoc />
    public int ObjectiveCount => 2;

    /// <inheritdoc />
    public double[] Evaluate(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var x = configuration.Values;
        var sum = 0.0;
        for (var i = 1; i < x.Length; i++)
        {
            sum += x[i];
        }

        var g = 1 + (9 * sum / (x.Length - 1));
        var f1 = x[0];
        return [f1, g * Shape(f1 / g, f1)];
    }

    /// <inheritdoc />
    public IReadOnlyList<double[]> ParetoFront(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var points = new List<double[]>(count);
        for (var i = 0; i < count; i++)
        {
            var f1 = (double)i / (count - 1);
            points.Add([f1, Shape(f1, f1)]);
        }

        if (_variant != 3)
        {
            return points;
        }

        // ZDT3's curve at g = 1 is only partly non-dominated: keep the running minimum's strict improvements.
        var front = new List<double[]>();
        var best = double.PositiveInfinity;
        foreach (var point in points)
        {
            if (point[1] < best)
            {
                front.Add(point);
                best = point[1];
            }
        }

        return front;
    }

    private double Shape(double ratio, double f1) => _variant switch
    {
        1 => 1 - Math.Sqrt(ratio),
        2 => 1 - (ratio * ratio),
        _ => 1 - Math.Sqrt(ratio) - (ratio * Math.Sin(10 * Math.PI * f1)),
    };
}
