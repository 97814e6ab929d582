using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DynaSplit.OnnxRuntime.Planning;
using DynaSplit.Planning;
using Microsoft.Extensions.Logging;

namespace DynaSplit.Cli.Commands;

/// <summary>What the ONNX commands (inspect, split, verify, profile) share: arguments, --dim parsing, errors, JSON.</summary>
internal static class OnnxCommandSupport
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Argument<string> ModelArgument() => new("MODEL") { HelpName = "MODEL", Description = "The ONNX model file (external data files beside it)." };

    public static Option<string[]> DimOption() => new("--dim")
    {
        HelpName = "NAME=VALUE",
        Description = "Size of a dynamic input dimension (repeatable); dynamic dimensions not given are 1, and the output says so.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> JsonOption() => new("--json") { Description = "Write JSON to standard output." };

    /// <summary>Parses NAME=VALUE pairs.</summary>
    public static Dictionary<string, long> ParseDimensions(string[]? values)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in values ?? [])
        {
            var at = text.LastIndexOf('=');
            if (at <= 0 || !long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"--dim '{text}' is not NAME=VALUE with a positive integer VALUE (for example --dim N=1).");
            }

            result[text[..at]] = value;
        }

        return result;
    }

    public static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Warning)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));

    /// <summary>Loads and plans a model, probing shapes at the given dimension sizes; the token stops the probe.</summary>
    public static OnnxSplitModel Load(string path, Dictionary<string, long> dimensions, ILoggerFactory loggers, CancellationToken cancellationToken = default) =>
        OnnxSplitModel.Load(path, new OnnxSplitPlannerOptions { Dimensions = dimensions }, loggers.CreateLogger("DynaSplit.OnnxRuntime"), cancellationToken);

    /// <summary>Runs <paramref name="body"/>, turning the errors bad input causes into a message on stderr and exit code 2.</summary>
    public static int Guard(Func<int> body) => CliOutput.Guard(body);

    /// <summary>
    /// The inputs' dynamic dimensions and the size each was given for the shape probe: from <c>--dim</c>, or 1.
    /// </summary>
    public static IReadOnlyList<DynamicDimension> DynamicDimensions(SplitPlan plan, IReadOnlyDictionary<string, long> given)
    {
        var result = new List<DynamicDimension>();
        foreach (var input in plan.Inputs)
        {
            for (var i = 0; i < input.Shape.Count; i++)
            {
                if (input.Shape[i] >= 0)
                {
                    continue;
                }

                var name = (input.DimensionNames is { } names && i < names.Count ? names[i] : null) ?? $"{input.Name}[{i}]";
                if (result.All(d => d.Name != name))
                {
                    result.Add(given.TryGetValue(name, out var value) ? new DynamicDimension(name, value, true) : new DynamicDimension(name, 1, false));
                }
            }
        }

        return result;
    }

    /// <summary>One line saying which dynamic dimensions were set to what, or null when the model has none.</summary>
    public static string? DescribeDimensions(IReadOnlyList<DynamicDimension> dimensions) => dimensions.Count == 0
        ? null
        : "dynamic dimensions: " + string.Join(", ", dimensions.Select(d => $"{d.Name}={d.Value}{(d.Given ? string.Empty : " (not given: 1)")}"))
            + (dimensions.Any(d => !d.Given) ? "; set them with --dim NAME=VALUE. Shapes, sizes and work are for these sizes." : "; shapes, sizes and work are for these sizes.");

    /// <summary>A dynamic input dimension and the size it was probed at.</summary>
    public sealed record DynamicDimension(string Name, long Value, bool Given);

    public static object Describe(TensorInfo tensor) => new
    {
        name = tensor.Name,
        elementType = tensor.ElementType.ToString(),
        shape = tensor.Shape,
        bytesPerSample = tensor.BytesPerSample,
    };

    public static string FormatShape(TensorInfo tensor) =>
        "[" + string.Join(",", tensor.Shape.Select((d, i) => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : tensor.DimensionNames?[i] ?? "?")) + "]";

    public static string FormatBytes(long? bytes) => bytes switch
    {
        null => "?",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes / (1024.0 * 1024):F2} MiB",
    };
}
