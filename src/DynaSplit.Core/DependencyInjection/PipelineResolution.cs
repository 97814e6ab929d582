using DynaSplit.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>The one place a container's pipeline is composed, for the runtime and the testbed alike.</summary>
internal static class PipelineResolution
{
    /// <summary>
    /// The registered pipeline, or one made of a transport per configured tier: the registered transport of that tier
    /// (a remote server), else the in-process handoff to the registered stage runner. Null when neither exists.
    /// </summary>
    public static IPipelineExecutor? Resolve(IServiceProvider sp)
    {
        if (sp.GetService<IPipelineExecutor>() is { } registered)
        {
            return registered;
        }

        var remote = sp.GetServices<IStageTransport>().ToList();
        var runner = sp.GetService<IStageRunner>();
        if (runner is null && remote.Count == 0)
        {
            return null;
        }

        var tiers = sp.GetRequiredService<IOptions<DynaSplitOptions>>().Value.Tiers;
        var transports = new List<IStageTransport>(tiers.Count);
        foreach (var tier in tiers)
        {
            transports.Add(remote.FirstOrDefault(t => string.Equals(t.Tier, tier, StringComparison.Ordinal))
                ?? (runner is not null
                    ? new InProcessStageTransport(tier, runner)
                    : throw new InvalidOperationException($"Tier '{tier}' has no stage transport and no stage runner is registered to run it in process; register one (for example UseOnnxRuntimeStages(...)).")));
        }

        return new PipelineExecutor(transports);
    }

    /// <summary>The pipeline, or the registered two-tier split executor adapted to one.</summary>
    /// <exception cref="InvalidOperationException">Neither a stage runner, a stage transport nor a split executor is registered.</exception>
    public static IPipelineExecutor ResolveOrAdapt(IServiceProvider sp) =>
        Resolve(sp)
        ?? (sp.GetService<ISplitExecutor>() is { } executor
            ? new SplitExecutorPipeline(executor)
            : throw new InvalidOperationException("No stage runner or split executor is registered: add one, for example UseOnnxRuntimeStages(...) or UseOnnxRuntimeExecutor(...) on the DynaSplit builder."));
}
