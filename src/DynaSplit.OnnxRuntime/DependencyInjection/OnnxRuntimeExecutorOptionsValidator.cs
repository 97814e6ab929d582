using DynaSplit.OnnxRuntime.Execution;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.DependencyInjection;

/// <summary>Checks <see cref="OnnxRuntimeExecutorOptions"/> when the host starts.</summary>
internal sealed class OnnxRuntimeExecutorOptionsValidator : IValidateOptions<OnnxRuntimeExecutorOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxRuntimeExecutorOptions options)
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

        var providers = OrtEnv.Instance().GetAvailableProviders();
        if (!providers.Contains(options.ExecutionProvider, StringComparer.Ordinal))
        {
            failures.Add($"OnnxRuntime:ExecutionProvider '{options.ExecutionProvider}' is not in this ONNX Runtime build; it offers: {string.Join(", ", providers)}.");
        }

        if (string.IsNullOrWhiteSpace(options.ExecutionProviderParameter) || string.IsNullOrWhiteSpace(options.IntraOpThreadsParameter)
            || options.ExecutionProviderParameter == options.IntraOpThreadsParameter)
        {
            failures.Add("OnnxRuntime:ExecutionProviderParameter and IntraOpThreadsParameter must be two different non-empty parameter names.");
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
