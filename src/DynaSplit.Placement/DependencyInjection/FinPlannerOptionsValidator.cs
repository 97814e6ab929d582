using DynaSplit.Placements.Planning;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Checks FIN's options at start, so a bad gamma fails the host before anything is planned.</summary>
internal sealed class FinPlannerOptionsValidator : IValidateOptions<FinPlannerOptions>
{
    public ValidateOptionsResult Validate(string? name, FinPlannerOptions options)
    {
        var failures = options.Validate();
        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"{nameof(FinPlannerOptions)}: {f}"));
    }
}
