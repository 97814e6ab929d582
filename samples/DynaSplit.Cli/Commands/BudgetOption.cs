using System.CommandLine;
using System.Globalization;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// The offline budget (<c>--budget F</c>) of simulate and hypervolume: a share of the valid space in (0, 1]. The
/// exhaustive optimizer measures everything, so with it the default is 1 and a smaller budget is refused rather
/// than silently measuring the first configurations in enumeration order.
/// </summary>
internal static class BudgetOption
{
    public const double Default = 0.2;

    public static Option<double> Create() => new("--budget")
    {
        HelpName = "F",
        Description = "Offline budget as a share of the valid space, in (0, 1] (default 0.2; 1 with --optimizer exhaustive).",
        DefaultValueFactory = _ => Default,
    };

    /// <summary>The budget to use: as given, or 1 for the exhaustive optimizer when not given.</summary>
    /// <exception cref="ArgumentException">The budget is outside (0, 1], or below 1 for the exhaustive optimizer.</exception>
    public static double Resolve(ParseResult result, Option<double> option, string optimizer)
    {
        var given = result.GetResult(option) is { Implicit: false };
        var exhaustive = OptimizerCatalog.IsExhaustive(optimizer);
        var fraction = exhaustive && !given ? 1.0 : result.GetValue(option);
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--budget {fraction} is not in (0, 1]; for example 0.2 measures 20% of the valid space."));
        }

        if (exhaustive && fraction < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--optimizer exhaustive measures every configuration, so it needs --budget 1 (got {fraction}); for a share of the space use --optimizer random or nsga3."));
        }

        return fraction;
    }
}
