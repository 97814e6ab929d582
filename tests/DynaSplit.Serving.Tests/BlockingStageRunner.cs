using DynaSplit.Execution;

namespace DynaSplit.Serving.Tests;

/// <summary>A server-side runner that holds each request until released, to fill the server's slots and queue.</summary>
internal sealed class BlockingStageRunner : IStageRunner
{
    private readonly SemaphoreSlim _release = new(0);
    private int _started;

    public int Started => Volatile.Read(ref _started);

    public void Release(int count) => _release.Release(count);

    public async ValueTask<StageOutput> RunAsync(StageRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        await _release.WaitAsync(cancellationToken);
        return new StageOutput([TensorData.FromFloats("logits", [1, 1000], new float[1000])], TimeSpan.FromMilliseconds(1));
    }
}
