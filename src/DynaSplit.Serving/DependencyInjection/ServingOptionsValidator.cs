using Microsoft.Extensions.Options;

namespace DynaSplit.Serving;

/// <summary>Checks <see cref="ServingOptions"/> when the host starts.</summary>
internal sealed class ServingOptionsValidator : IValidateOptions<ServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ServingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add("ModelPath is required: the ONNX model whose stages are served.");
        }
        else if (!File.Exists(options.ModelPath))
        {
            failures.Add($"ModelPath '{options.ModelPath}' does not exist.");
        }

        if (options.MaxConcurrency < 1)
        {
            failures.Add($"MaxConcurrency is {options.MaxConcurrency}; use at least 1.");
        }

        if (options.MaxQueue < 0)
        {
            failures.Add($"MaxQueue is {options.MaxQueue}; use 0 (refuse when all slots are busy) or more.");
        }

        if (options.MaxMessageBytes < 1024)
        {
            failures.Add($"MaxMessageBytes is {options.MaxMessageBytes}; use at least 1024.");
        }

        if (options.Http2WindowBytes is < 65_535)
        {
            failures.Add($"Http2WindowBytes is {options.Http2WindowBytes}; use at least 65535 (HTTP/2's initial window).");
        }

        if (options.SessionCacheCapacity < 1)
        {
            failures.Add($"SessionCacheCapacity is {options.SessionCacheCapacity}; use at least 1.");
        }

        if (options.DefaultThreads is < 0)
        {
            failures.Add($"DefaultThreads is {options.DefaultThreads}; use 0 (the runtime chooses) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
