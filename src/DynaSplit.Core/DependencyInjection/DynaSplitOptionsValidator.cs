using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DynaSplit.DependencyInjection;

/// <summary>Checks <see cref="DynaSplitOptions"/> at start, so a bad setting fails the host before any trial runs.</summary>
internal sealed class DynaSplitOptionsValidator : IValidateOptions<DynaSplitOptions>
{
    public ValidateOptionsResult Validate(string? name, DynaSplitOptions options)
    {
        var failures = new List<string>();
        if (options.Offline is null)
        {
            failures.Add("DynaSplit:Offline must be set.");
        }
        else
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options.Offline, new ValidationContext(options.Offline), results, validateAllProperties: true);
            failures.AddRange(results.Select(r => $"DynaSplit:Offline: {r.ErrorMessage}"));
            if (options.Offline.Objectives is not { Count: > 0 })
            {
                failures.Add("DynaSplit:Offline:Objectives needs at least one objective.");
            }
        }

        if (options.LookupTablePath is { } path && !File.Exists(path))
        {
            failures.Add($"DynaSplit:LookupTablePath '{Path.GetFullPath(path)}' does not exist; run the offline phase to write it, or fix the path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
