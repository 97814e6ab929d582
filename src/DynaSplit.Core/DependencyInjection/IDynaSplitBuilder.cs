using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.DependencyInjection;

/// <summary>
/// Returned by <c>services.AddDynaSplit()</c> (<see cref="DynaSplitServiceCollectionExtensions"/>). Plugin assemblies add their
/// <c>Add...</c> and <c>Use...</c> extension methods to it (hardware knobs, energy meters, executors, optimizers).
/// </summary>
public interface IDynaSplitBuilder
{
    /// <summary>The service collection the builder registers into.</summary>
    IServiceCollection Services { get; }
}
