using DynaSplit.Objectives;

namespace DynaSplit.Scheduling;

/// <summary>
/// A lookup table that is also good on slower links: the candidates Pareto-optimal on the link they were measured on
/// (what the offline phase keeps), and those Pareto-optimal when their transfer is moved to each of a set of slower
/// links (<see cref="LinkScenario"/>), with <see cref="PredictiveScheduler"/>'s transfer and energy model. Each entry
/// says in <see cref="LookupEntry.KeptFor"/> which links kept it.
/// </summary>
/// <remarks>
/// <para>
/// The offline phase keeps only what is Pareto-optimal on the testbed's link, so a scheduler that predicts the latency on
/// a slower link can choose only among those entries; a configuration that sends fewer bytes, dominated on the fast
/// link by one that sends more, is the one that would meet a threshold on the slow link. Keeping it costs nothing to
/// the published scheduler: an entry dominated on the recorded link is never its choice (the entry that dominates it
/// is cheaper or as cheap, and as fast or faster), so it chooses the same on this table as on the plain one.
/// </para>
/// <para>
/// Per scenario the objectives are the candidate's, with latency and energy replaced by their prediction on that link;
/// dominance is <see cref="Pareto"/>'s, the one implementation. A candidate without its latency breakdown or cut size
/// is predicted at its recorded values on every link.
/// </para>
/// </remarks>
public static class LinkRobustTable
{
    /// <summary>The label of the link the candidates were measured on, in <see cref="LookupEntry.KeptFor"/>.</summary>
    public const string Recorded = "recorded";

    /// <summary>
    /// The candidates that are Pareto-optimal in <paramref name="candidates"/>' objectives on the recorded link or on
    /// any of <paramref name="scenarios"/>, in the candidates' order, each marked with the links that kept it.
    /// </summary>
    /// <param name="candidates">Every measured configuration (for example <see cref="LookupTable.FromTrials"/> of all complete trials), with cut sizes and breakdowns.</param>
    /// <param name="recorded">The link the candidates were measured on.</param>
    /// <param name="scenarios">The slower links to keep entries for.</param>
    /// <param name="prediction">How to predict on a link (the energy model); <see cref="PredictiveSchedulerOptions.RecordedLink"/> is set to <paramref name="recorded"/>.</param>
    /// <exception cref="ArgumentException">The candidates are empty, an objective is missing from an entry, or the recorded link has no positive rate.</exception>
    public static LookupTable Build(LookupTable candidates, LinkEstimate recorded, IReadOnlyList<LinkScenario> scenarios, PredictiveSchedulerOptions? prediction = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(scenarios);
        if (!(recorded.BandwidthBitsPerSecond > 0) || !double.IsFinite(recorded.BandwidthBitsPerSecond))
        {
            throw new ArgumentException($"A link-robust table needs the link the candidates were measured on, with a positive rate; got {recorded}.", nameof(recorded));
        }

        var objectives = candidates.Objectives;
        var directions = objectives.Select(o => o.Direction).ToArray();
        var entries = candidates.Entries;
        var recordedPoints = entries.Select(e => ObjectivesOf(e, objectives)).ToArray();
        var keptFor = new List<string>?[entries.Count];
        Mark(keptFor, Pareto.NonDominatedIndices(recordedPoints, directions), Recorded);
        if (scenarios.Count > 0)
        {
            var predictor = new PredictiveScheduler(candidates, (prediction ?? new PredictiveSchedulerOptions()) with { RecordedLink = recorded });
            var latency = IndexOf(objectives, WellKnownObjectives.Latency.Name);
            var energy = IndexOf(objectives, WellKnownObjectives.Energy.Name);
            var position = new Dictionary<LookupEntry, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < entries.Count; i++)
            {
                if (!position.TryAdd(entries[i], i))
                {
                    throw new ArgumentException($"Entry '{entries[i].Configuration.Key}' is in the candidates twice (the same object); give each measured configuration once.", nameof(candidates));
                }
            }

            foreach (var scenario in scenarios)
            {
                var link = scenario.Resolve(recorded);
                var points = new double[entries.Count][];
                for (var k = 0; k < predictor.ScanOrder.Count; k++)
                {
                    var i = position[predictor.ScanOrder[k]];
                    var point = (double[])recordedPoints[i].Clone();
                    var (predictedMs, predictedJ) = predictor.PredictAt(k, link);
                    if (latency >= 0)
                    {
                        point[latency] = predictedMs;
                    }

                    if (energy >= 0)
                    {
                        point[energy] = predictedJ;
                    }

                    points[i] = point;
                }

                Mark(keptFor, Pareto.NonDominatedIndices(points, directions), scenario.ToString());
            }
        }

        var kept = new List<LookupEntry>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (keptFor[i] is { } links)
            {
                kept.Add(entries[i].WithKeptFor(links));
            }
        }

        return new LookupTable(candidates.Space, objectives, kept) { Binding = candidates.Binding };
    }

    private static void Mark(List<string>?[] keptFor, int[] indices, string label)
    {
        foreach (var i in indices)
        {
            (keptFor[i] ??= []).Add(label);
        }
    }

    private static int IndexOf(IReadOnlyList<ObjectiveDefinition> objectives, string name)
    {
        for (var i = 0; i < objectives.Count; i++)
        {
            if (objectives[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static double[] ObjectivesOf(LookupEntry entry, IReadOnlyList<ObjectiveDefinition> objectives)
    {
        var point = new double[objectives.Count];
        for (var j = 0; j < point.Length; j++)
        {
            var name = objectives[j].Name;
            point[j] = entry.Objectives.TryGetValue(name, out var value) ? value
                : name == WellKnownObjectives.Latency.Name ? entry.LatencyMs
                : name == WellKnownObjectives.Energy.Name ? entry.EnergyJ
                : name == WellKnownObjectives.Accuracy.Name && entry.Accuracy is { } accuracy ? accuracy
                : throw new ArgumentException($"Entry '{entry.Configuration.Key}' has no value of the objective '{name}'; build the candidates with LookupEntry.FromTrial so every objective is kept.");
        }

        return point;
    }
}
