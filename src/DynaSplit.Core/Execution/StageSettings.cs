using DynaSplit.Spaces;

namespace DynaSplit.Execution;

/// <summary>
/// The runtime settings of one stage, taken from the configuration's parameters of that stage's tier (one route:
/// <see cref="FromConfiguration"/>): the execution provider and thread count of the tier's inference runtime and the
/// codec of the cut tensors that leave the tier. Null means "the runner's default".
/// </summary>
public sealed record StageSettings
{
    /// <summary>No settings: every runner uses its defaults.</summary>
    public static StageSettings Default { get; } = new();

    /// <summary>The execution provider (for example CPU, CUDA).</summary>
    public string? ExecutionProvider { get; init; }

    /// <summary>The intra-op thread count.</summary>
    public int? Threads { get; init; }

    /// <summary>The codec of the tensors the stage receives over a network (for example fp32, fp16, int8).</summary>
    public string? TensorCodec { get; init; }

    /// <summary>
    /// The settings of <paramref name="tier"/> in <paramref name="configuration"/>: the parameters whose
    /// <see cref="Parameter.Setting"/> is an execution provider, thread count or tensor codec and whose
    /// <see cref="Parameter.Tier"/> is that tier, or no tier (then they apply to every tier; a tier's own win).
    /// </summary>
    public static StageSettings FromConfiguration(Configuration? configuration, string tier)
    {
        ArgumentException.ThrowIfNullOrEmpty(tier);
        if (configuration is null)
        {
            return Default;
        }

        // Parameters of no tier apply to every stage; a tier's own parameters override them.
        var settings = Default;
        foreach (var ownTier in (ReadOnlySpan<bool>)[false, true])
        {
            var parameters = configuration.Space.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                if (ownTier ? !string.Equals(parameter.Tier, tier, StringComparison.Ordinal) : parameter.Tier is not null)
                {
                    continue;
                }

                settings = parameter.Setting switch
                {
                    SettingKind.ExecutionProvider => settings with { ExecutionProvider = parameter.Format(configuration[i]) },
                    SettingKind.Threads => settings with { Threads = checked((int)configuration[i]) },
                    SettingKind.TensorCodec => settings with { TensorCodec = parameter.Format(configuration[i]) },
                    _ => settings,
                };
            }
        }

        return settings;
    }
}
