using Microsoft.Extensions.DependencyInjection;

namespace DynaSplit.DependencyInjection;

internal sealed class DynaSplitBuilder(IServiceCollection services) : IDynaSplitBuilder
{
    public IServiceCollection Services { get; } = services;
}
