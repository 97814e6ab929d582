using System.Globalization;
using DynaSplit.Placements.Model;

namespace DynaSplit.Placements.Planning;

/// <summary>The exits that reach the accuracy floor, shared by every planner.</summary>
internal static class Exits
{
    /// <summary>The positions of the exits whose accuracy is strictly above the floor, in order of depth.</summary>
    public static int[] Qualifying(EarlyExitProfile profile, PlacementRequirements requirements)
    {
        var result = new List<int>();
        for (var e = 0; e < profile.Exits.Count; e++)
        {
            if (profile.Exits[e].AccuracyPercent > requirements.AccuracyPercent)
            {
                result.Add(e);
            }
        }

        return [.. result];
    }

    /// <summary>The reason given when no exit qualifies.</summary>
    public static string NoneReason(EarlyExitProfile profile, PlacementRequirements requirements) =>
        string.Create(CultureInfo.InvariantCulture,
            $"no exit of {profile.Name} reaches more than {requirements.AccuracyPercent:G6}% (the best reaches {profile.Exits.Max(x => x.AccuracyPercent):G6}%)");
}
