using DynaSplit.Optimization;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>
/// Starts the builder's genetic options from the budget-aware search. Registered once (so a second <c>UseNsga3</c>
/// does not undo the changes of the first one's configure callback) and before any callback, which run after it.
/// </summary>
internal sealed class BudgetAwareDefaults<TOptions> : IConfigureOptions<TOptions>
    where TOptions : GeneticOptions
{
    /// <inheritdoc />
    public void Configure(TOptions options) => options.UseBudgetAwareSearch();
}
