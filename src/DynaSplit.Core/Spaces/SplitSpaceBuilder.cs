using DynaSplit.Hardware;
using DynaSplit.Planning;

namespace DynaSplit.Spaces;

/// <summary>
/// Makes the configuration space of a host from what it offers: a model's split points (one cut-point parameter, or one
/// per cut for several tiers) and a parameter for every knob with more than one value, with the knob's setting kind,
/// tier and unit. Extra parameters (the stages' execution provider, threads or codec) can be added.
/// </summary>
public static class SplitSpaceBuilder
{
    /// <summary>The name of the cut-point parameter of a two-tier space.</summary>
    public const string SplitParameter = "split";

    /// <summary>Builds the space.</summary>
    /// <param name="plan">The model's split points.</param>
    /// <param name="knobs">The host's knobs; those with a single value are left out (nothing to choose).</param>
    /// <param name="cuts">How many cut points (1: edge and cloud; 2: device, edge, cloud).</param>
    /// <param name="extra">Further parameters (pipeline settings such as a tier's execution provider).</param>
    /// <param name="cancellationToken">Cancels the knobs' domain discovery.</param>
    public static async Task<ConfigurationSpace> CreateAsync(SplitPlan plan, IEnumerable<IHardwareKnob> knobs, int cuts = 1, IEnumerable<Parameter>? extra = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(knobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(cuts, 1);
        var parameters = new List<Parameter>();
        for (var i = 0; i < cuts; i++)
        {
            var name = cuts == 1 ? SplitParameter : $"cut{i + 1}";
            parameters.Add(new IntegerParameter(name, 0, plan.EdgeOnlyIndex, 1) { Setting = SettingKind.CutPoint });
        }

        foreach (var knob in knobs)
        {
            var domain = await knob.GetDomainAsync(cancellationToken).ConfigureAwait(false);
            if (domain.Values.Count > 1)
            {
                parameters.Add(await knob.ToParameterAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        parameters.AddRange(extra ?? []);
        return new ConfigurationSpace(parameters);
    }
}
