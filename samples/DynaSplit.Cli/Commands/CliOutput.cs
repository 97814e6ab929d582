using System.Text.Json;

namespace DynaSplit.Cli.Commands;

/// <summary>Shared output and error handling of the commands.</summary>
internal static class CliOutput
{
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads what <see cref="Json"/> wrote (the <c>plot</c> command); a missing required member is an error that names it.</summary>
    public static JsonSerializerOptions JsonRead { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Runs a command body, turning the errors bad input causes into a message on stderr and exit code 2.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsInputError(ex))
        {
            Console.Error.WriteLine($"error: {MessageOf(ex)}");
            return 2;
        }
    }

    /// <summary>The asynchronous form of <see cref="Guard"/>.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsInputError(ex))
        {
            await Console.Error.WriteLineAsync($"error: {MessageOf(ex)}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>
    /// Writes an output file after the results were printed: a failure is reported on stderr (what, where, why) and
    /// returns false instead of throwing, so the printed results stand.
    /// </summary>
    public static async Task<bool> TryWriteAsync(string path, string option, Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {option} {path} was not written: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static bool IsInputError(Exception ex) =>
        ex is InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException or FormatException
            or KeyNotFoundException or NotSupportedException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

    /// <summary>The exception's message without .NET's "(Parameter 'x')" and "Actual value was" suffixes.</summary>
    private static string MessageOf(Exception ex)
    {
        var message = ex.Message;
        if (ex is ArgumentException { ParamName: { } name })
        {
            var suffix = message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal);
            if (suffix >= 0)
            {
                message = message[..suffix];
            }
        }

        return message;
    }
}
