using DynaSplit.Hardware;
using DynaSplit.Planning;
using DynaSplit.Spaces;

namespace DynaSplit.EdgeHost;

/// <summary>Builds the configuration space from what this machine offers: the model's split points x the knobs' domains.</summary>
internal static class SpaceFactory
{
    public const string SplitParameter = "split";

    public static async Task<ConfigurationSpace> CreateAsync(SplitPlan plan, IEnumerable<IHardwareKnob> knobs, CancellationToken cancellationToken)
    {
        var parameters = new List<Parameter> { new IntegerParameter(SplitParameter, 0, plan.EdgeOnlyIndex, 1, ParameterRole.SplitPoint) };
        foreach (var knob in knobs)
        {
            var domain = await knob.GetDomainAsync(cancellationToken).ConfigureAwait(false);
            if (domain.Values.Count > 1)
            {
                parameters.Add(domain.ToParameter(knob.Name, RoleOf(knob.Name)));
            }
        }

        return new ConfigurationSpace(parameters);
    }

    private static ParameterRole RoleOf(string knob) => knob switch
    {
        _ when knob.StartsWith("cpu_freq", StringComparison.Ordinal) => ParameterRole.EdgeCpuFrequency,
        "gpu_freq" => ParameterRole.EdgeGpuFrequency,
        "power_mode" => ParameterRole.PowerMode,
        "usb_accelerator" => ParameterRole.EdgeAccelerator,
        "ort-threads" => ParameterRole.Threads,
        "ort-provider" => ParameterRole.ExecutionProvider,
        _ => ParameterRole.Other,
    };
}
