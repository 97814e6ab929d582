using Grpc.Core;

namespace DynaSplit.Serving.Inference;

/// <summary>
/// Bounds the requests computing at once, with a bounded queue in front: a request that finds the queue full is
/// refused at once with RESOURCE_EXHAUSTED, one whose deadline passes while queued gets DEADLINE_EXCEEDED.
/// </summary>
internal sealed class ConcurrencyGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueue;
    private readonly int _maxConcurrency;
    private int _waiting;

    public ConcurrencyGate(int maxConcurrency, int maxQueue)
    {
        _maxConcurrency = maxConcurrency;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _maxQueue = maxQueue;
    }

    /// <summary>Requests computing now.</summary>
    public int Running => _maxConcurrency - _slots.CurrentCount;

    /// <summary>Waits for a slot; dispose the returned lease to free it.</summary>
    public async ValueTask<Lease> EnterAsync(string model, CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return new Lease(_slots);
        }

        if (Interlocked.Increment(ref _waiting) > _maxQueue)
        {
            Interlocked.Decrement(ref _waiting);
            throw new ServingException(StatusCode.ResourceExhausted, $"{model}: the server is busy ({_maxConcurrency} running, {_maxQueue} queued, the most it holds); retry later or raise MaxQueue/MaxConcurrency.");
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(_slots);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A held slot.</summary>
    public readonly struct Lease(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
