using System.Diagnostics;
using DynaSplit.Execution;
using DynaSplit.OnnxRuntime.Execution;
using DynaSplit.OnnxRuntime.Graphs;
using DynaSplit.OnnxRuntime.Onnx;
using DynaSplit.OnnxRuntime.Planning;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace DynaSplit.Placements.Onnx;

/// <summary>
/// Runs the stages of an early-exit placement with ONNX Runtime in this process: the stage between cuts <c>a</c> and
/// <c>b</c> (after block <c>a</c> and after block <c>b</c>, as in <see cref="Planning.PlacementPlan.ToPlacement"/>)
/// runs blocks <c>a + 1 .. b</c> of the profile, and the chosen exit's own branch when <c>b</c> is the exit's block.
/// Give one instance to an <see cref="InProcessStageTransport"/> per tier to run a plan on the
/// <see cref="PipelineExecutor"/>; its outputs are the chosen exit's output of the whole model.
/// </summary>
/// <remarks>
/// Each block range is extracted once into a sub-model (its nodes, the constants and initializers they need) and its
/// session kept until disposal. A stage forwards the cut tensors later stages need but it does not produce.
/// </remarks>
public sealed class EarlyExitStageRunner : IStageRunner, IDisposable
{
    private readonly OnnxSplitModel _model;
    private readonly OnnxEarlyExitProfile _profile;
    private readonly int _exitIndex;
    private readonly Dictionary<(int From, int To), Stage> _stages = [];
    private readonly Lock _lock = new();

    /// <summary>Creates the runner.</summary>
    /// <param name="model">The model the profile was built from.</param>
    /// <param name="profile">The profile (<see cref="OnnxProfileBuilder.Build"/>).</param>
    /// <param name="exitIndex">The position of the exit the plan takes among the profile's exits.</param>
    public EarlyExitStageRunner(OnnxSplitModel model, OnnxEarlyExitProfile profile, int exitIndex)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        ArgumentOutOfRangeException.ThrowIfNegative(exitIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(exitIndex, profile.Profile.Exits.Count);
        _exitIndex = exitIndex;
    }

    /// <inheritdoc />
    public ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var exit = _profile.Profile.Exits[_exitIndex];
        var (from, to) = (request.Stage.FromCut, request.Stage.ToCut);
        if (from < 0 || to < from || to > exit.AfterBlocks)
        {
            throw new ArgumentException($"{request.Stage}: the cut range must lie in 0..{exit.AfterBlocks} (the blocks before {exit}).", nameof(request));
        }

        Stage stage;
        lock (_lock)
        {
            if (!_stages.TryGetValue((from, to), out stage!))
            {
                stage = Build(from, to, to == exit.AfterBlocks);
                _stages[(from, to)] = stage;
            }
        }

        var byName = request.Inputs.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var name in stage.Inputs.Concat(stage.Forwarded))
        {
            if (!byName.ContainsKey(name))
            {
                throw new ArgumentException($"{request.Stage} needs tensor '{name}', which its inputs ({string.Join(", ", byName.Keys)}) lack.", nameof(request));
            }
        }

        var start = Stopwatch.GetTimestamp();
        var outputs = new List<TensorData>();
        if (stage.Session is { } session)
        {
            var inputValues = stage.Inputs.Select(n => OrtTensors.ToOrtValue(byName[n])).ToArray();
            try
            {
                using var options = new RunOptions();
                using var registration = cancellationToken.Register(() => options.Terminate = true);
                using var results = session.Run(options, stage.Inputs, inputValues, stage.Outputs);
                for (var i = 0; i < stage.Outputs.Length; i++)
                {
                    outputs.Add(OrtTensors.ToTensorData(stage.Outputs[i], results[i]));
                }
            }
            finally
            {
                foreach (var value in inputValues)
                {
                    value.Dispose();
                }
            }
        }

        var compute = Stopwatch.GetElapsedTime(start);
        outputs.AddRange(stage.Forwarded.Select(n => byName[n]));
        return ValueTask.FromResult(new StageOutput(outputs, compute));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var stage in _stages.Values)
            {
                stage.Session?.Dispose();
            }

            _stages.Clear();
        }
    }

    private Stage Build(int from, int to, bool closesExit)
    {
        var analysis = _model.Analysis;
        var graph = analysis.Graph;
        var index = graph.Node.Select((n, i) => (n.Name, i)).Where(x => x.Name.Length > 0).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var nodes = new List<int>();
        for (var block = from; block < to; block++)
        {
            nodes.AddRange(_profile.BlockNodes[block].Select(n => index[n]));
        }

        var exit = _profile.Profile.Exits[_exitIndex];
        if (closesExit)
        {
            nodes.AddRange(_profile.ExitNodes[_exitIndex].Select(n => index[n]));
        }

        nodes.Sort((a, b) => analysis.TopologicalRank[a].CompareTo(analysis.TopologicalRank[b]));

        // What arrives: the graph inputs before block 1, else the cut after block `from`; what leaves: the exit's
        // output when this stage closes the exit, else the cut after block `to`.
        var arriving = from == 0 ? analysis.Inputs : [.. _profile.Cuts[from - 1].Select(t => t.Name)];
        string[] leaving = closesExit ? [exit.Name ?? throw new InvalidOperationException($"{exit} has no output name.")] : [.. _profile.Cuts[to - 1].Select(t => t.Name)];
        var produced = new HashSet<string>(nodes.SelectMany(n => graph.Node[n].Output), StringComparer.Ordinal);
        var read = new HashSet<string>(nodes.SelectMany(n => analysis.Consumes[n]), StringComparer.Ordinal);
        var inputs = arriving.Where(read.Contains).ToArray();
        var outputs = leaving.Where(produced.Contains).ToArray();
        var forwarded = leaving.Where(n => !produced.Contains(n)).ToArray();
        if (nodes.Count == 0 || outputs.Length == 0)
        {
            return new Stage(null, [], [], forwarded);
        }

        var (constantNodes, initializers) = analysis.ConstantClosure(nodes);
        var sub = new GraphProto { Name = $"{graph.Name}_blocks_{from + 1}_{to}" };
        foreach (var n in constantNodes.Concat(nodes))
        {
            sub.Node.Add(graph.Node[n]);
        }

        sub.Initializer.Add(graph.Initializer.Where(i => initializers.Contains(i.Name)));
        sub.Input.Add(inputs.Select(ValueInfo));
        sub.Output.Add(outputs.Select(ValueInfo));
        var proto = new ModelProto { IrVersion = _model.Model.Proto.IrVersion, Graph = sub };
        proto.OpsetImport.Add(_model.Model.Proto.OpsetImport);
        return new Stage(new InferenceSession(proto.ToByteArray()), inputs, outputs, forwarded);
    }

    private ValueInfoProto ValueInfo(string name)
    {
        var declared = _model.Analysis.Graph.Input.Concat(_model.Analysis.Graph.Output).Concat(_model.Analysis.Graph.ValueInfo)
            .FirstOrDefault(v => v.Name == name && v.Type is not null);
        return declared ?? (_model.Types.TryGetValue(name, out var type)
            ? OnnxTypes.ToValueInfo(type, keepDimensions: false)
            : throw new InvalidOperationException($"'{_model.Model.Source}': the type of cut tensor '{name}' is unknown; load the model with shape probing."));
    }

    private sealed record Stage(InferenceSession? Session, string[] Inputs, string[] Outputs, string[] Forwarded);
}
