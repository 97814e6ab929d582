using DynaSplit.OnnxRuntime.Execution;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.DependencyInjection;

/// <summary>Checks <see cref="OnnxRuntimeOptions"/> when the host starts.</summary>
internal sealed class OnnxRuntimeOptionsValidator : IValidateOptions<OnnxRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxRuntimeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add("OnnxRuntime:ModelPath must name an ONNX model file.");
        }
        else if (!File.Exists(options.ModelPath))
        {
            failures.Add($"OnnxRuntime:ModelPath '{Path.GetFullPath(options.ModelPath)}' does not exist; fix the path or copy the model there.");
        }

        if (options.IntraOpThreads < 0 || options.IntraOpThreads > Environment.ProcessorCount)
        {
            failures.Add($"OnnxRuntime:IntraOpThreads = {options.IntraOpThreads} must be 0 (ONNX Runtime's default) to {Environment.ProcessorCount} (this host's processors).");
        }

        if (options.InterOpThreads < 0)
        {
            failures.Add($"OnnxRuntime:InterOpThreads = {options.InterOpThreads} must be 0 or more.");
        }

        if (options.SessionCacheCapacity < 1)
        {
            failures.Add($"OnnxRuntime:SessionCacheCapacity = {options.SessionCacheCapacity} must be at least 1 (the sessions of one placement's stages; {OnnxRuntimeOptions.DefaultSessionCacheCapacity} by default).");
        }

        var providers = OrtEnv.Instance().GetAvailableProviders();
        if (string.IsNullOrWhiteSpace(options.ExecutionProvider) || !providers.Contains(OnnxRuntimeSessionSettings.NormalizeProvider(options.ExecutionProvider), StringComparer.Ordinal))
        {
            failures.Add($"OnnxRuntime:ExecutionProvider '{options.ExecutionProvider}' is not in this ONNX Runtime build; it offers: {string.Join(", ", providers)}.");
        }

        foreach (var (dimension, value) in options.Dimensions)
        {
            if (value <= 0)
            {
                failures.Add($"OnnxRuntime:Dimensions:{dimension} = {value} must be a positive size.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
