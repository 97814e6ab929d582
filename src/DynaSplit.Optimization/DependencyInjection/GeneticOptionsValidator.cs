using DynaSplit.Optimization;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Checks NSGA-II and NSGA-III options at start, so a bad setting fails the host before any trial runs.</summary>
internal sealed class GeneticOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : GeneticOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = options.Validate();
        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"{typeof(TOptions).Name}: {f}"));
    }
}
