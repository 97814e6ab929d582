using System.CommandLine;
using System.Globalization;

namespace DynaSplit.Cli.Commands;

/// <summary>
/// <c>--repeats N</c> and <c>--repeat-share F</c>: the offline phase measures again the configurations faster than
/// every earlier trial and keeps their mean (<see cref="DynaSplit.Optimization.OfflinePhaseOptions.RepeatRuns"/>),
/// paying with trials of the budget; <c>--optimizer exhaustive</c> measures every configuration once instead.
/// </summary>
internal static class RepeatOptions
{
    /// <summary>The <c>--repeats</c> option with <paramref name="defaultRuns"/> as its default (1 = no repeats).</summary>
    public static Option<int> CreateRuns(int defaultRuns) => new("--repeats")
    {
        HelpName = "N",
        Description = $"Runs of each configuration the offline phase measures again (one faster than every earlier trial), keeping their mean; they count in the budget. 1 = none. Default {defaultRuns} (1 with --optimizer exhaustive).",
        DefaultValueFactory = _ => defaultRuns,
    };

    /// <summary>The <c>--repeat-share</c> option with <paramref name="defaultShare"/> as its default.</summary>
    public static Option<double> CreateShare(double defaultShare) => new("--repeat-share")
    {
        HelpName = "F",
        Description = "At most this share of the trial budget goes to repeated runs, in [0, 1); what they do not spend goes to other configurations.",
        DefaultValueFactory = _ => defaultShare,
    };

    /// <summary>The runs and share to use, checked; exhaustive search repeats nothing.</summary>
    /// <exception cref="ArgumentException">A value is out of range, or repeats were asked of the exhaustive optimizer.</exception>
    public static (int Runs, double Share) Resolve(ParseResult result, Option<int> runs, Option<double> share, string optimizer)
    {
        var given = result.GetResult(runs) is { Implicit: false };
        var exhaustive = OptimizerCatalog.IsExhaustive(optimizer);
        var count = exhaustive && !given ? 1 : result.GetValue(runs);
        if (count is < 1 or > 100)
        {
            throw new ArgumentException($"--repeats {count} is not in 1..100; for example 3 measures a promising configuration three times (1 turns repeats off).");
        }

        if (exhaustive && count > 1)
        {
            throw new ArgumentException($"--optimizer exhaustive measures every configuration once; --repeats {count} would take trials from it. Leave --repeats out, or use --optimizer nsga3-budget --budget 1.");
        }

        var fraction = result.GetValue(share);
        if (!(fraction >= 0 && fraction < 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--repeat-share {fraction} is not in [0, 1); for example 0.1 lets repeats take at most a tenth of the trials."));
        }

        return (count, fraction);
    }
}
