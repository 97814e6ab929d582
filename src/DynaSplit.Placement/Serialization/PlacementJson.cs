using System.Text.Json;
using System.Text.Json.Serialization;
using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Serialization;

/// <summary>
/// Topology and profile files. Units are in the property names: operations per second, watts, bits per second, joules
/// per bit, operations, bits, percent.
/// </summary>
/// <example>
/// A topology: <c>{ "tiers": [ { "name": "device", "operationsPerSecond": 11e9, "activePowerW": 6 }, ... ],
/// "links": [ { "from": "device", "to": "edge", "rateBitsPerSecond": 5.6e11, "senderJoulesPerBit": 3e-8,
/// "receiverJoulesPerBit": 3.7e-8 }, ... ] }</c>. A profile: <c>{ "name": "B-LeNet", "blocks": [ { "operations":
/// 167400, "outputBits": 12800 }, ... ], "exits": [ { "afterBlocks": 1, "accuracyPercent": 93.59 }, ... ] }</c>.
/// </example>
public static class PlacementJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads a topology file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid topology; the message names the file and the problem.</exception>
    public static TierTopology LoadTopology(string path) => ParseTopology(File.ReadAllText(path), path);

    /// <summary>Reads a profile file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid profile; the message names the file and the problem.</exception>
    public static EarlyExitProfile LoadProfile(string path) => ParseProfile(File.ReadAllText(path), path);

    /// <summary>Parses a topology; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid topology.</exception>
    public static TierTopology ParseTopology(string json, string source = "topology") => Parse<TopologyDto, TierTopology>(json, source, dto =>
        new TierTopology(
            Required(dto.Tiers, "tiers").Select(t => new ComputeTier(Required(t.Name, "tiers[].name"), t.OperationsPerSecond, t.ActivePowerW)),
            (dto.Links ?? []).Select(l => new TierLink(Required(l.From, "links[].from"), Required(l.To, "links[].to"), l.RateBitsPerSecond, l.SenderJoulesPerBit, l.ReceiverJoulesPerBit))));

    /// <summary>Parses a profile; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid profile.</exception>
    public static EarlyExitProfile ParseProfile(string json, string source = "profile") => Parse<ProfileDto, EarlyExitProfile>(json, source, dto =>
        new EarlyExitProfile(
            Required(dto.Name, "name"),
            Required(dto.Blocks, "blocks").Select(b => new ModelBlock(b.Operations, b.OutputBits)),
            Required(dto.Exits, "exits").Select(e => new ModelExit(e.AfterBlocks, e.AccuracyPercent, e.Operations, e.Name))));

    /// <summary>A topology as JSON.</summary>
    public static string Serialize(TierTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return JsonSerializer.Serialize(
            new TopologyDto(
                [.. topology.Tiers.Select(t => new TierDto(t.Name, t.OperationsPerSecond, t.ActivePowerW))],
                [.. topology.Links.Select(l => new LinkDto(l.From, l.To, l.RateBitsPerSecond, l.SenderJoulesPerBit, l.ReceiverJoulesPerBit))]),
            Options);
    }

    /// <summary>A profile as JSON.</summary>
    public static string Serialize(EarlyExitProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return JsonSerializer.Serialize(
            new ProfileDto(
                profile.Name,
                [.. profile.Blocks.Select(b => new BlockDto(b.Operations, b.OutputBits))],
                [.. profile.Exits.Select(e => new ExitDto(e.AfterBlocks, e.AccuracyPercent, e.Operations, e.Name))]),
            Options);
    }

    private static TResult Parse<TDto, TResult>(string json, string source, Func<TDto, TResult> build)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var dto = JsonSerializer.Deserialize<TDto>(json, Options) ?? throw new InvalidDataException($"{source}: the file holds null, not an object.");
            return build(dto);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON for a {typeof(TResult).Name} ({ex.Message}).", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }
    }

    private static T Required<T>(T? value, string property) =>
        value ?? throw new ArgumentException($"the property '{property}' is missing.");

    private sealed record TopologyDto(TierDto[]? Tiers, LinkDto[]? Links);

    private sealed record TierDto(string? Name, double OperationsPerSecond, double ActivePowerW);

    private sealed record LinkDto(string? From, string? To, double RateBitsPerSecond, double SenderJoulesPerBit, double ReceiverJoulesPerBit);

    private sealed record ProfileDto(string? Name, BlockDto[]? Blocks, ExitDto[]? Exits);

    private sealed record BlockDto(double Operations, double OutputBits);

    private sealed record ExitDto(int AfterBlocks, double AccuracyPercent, double Operations, string? Name);
}
