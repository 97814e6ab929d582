using System.Text.Json;

namespace DynaSplit.Cli.Commands;

/// <summary>Shared output helpers of the commands.</summary>
internal static class CliOutput
{
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Runs a command body, turning expected failures (bad input) into a message and exit code 2.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or FileNotFoundException or DirectoryNotFoundException or FormatException or KeyNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
