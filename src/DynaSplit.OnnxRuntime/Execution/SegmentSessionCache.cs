namespace DynaSplit.OnnxRuntime.Execution;

/// <summary>
/// The ONNX Runtime sessions of the most recently used segments, at most <c>capacity</c> of them: the least recently
/// used one is disposed when another is needed, so a study that walks through every cut keeps a bounded number of
/// sessions (and their copies of the weights) alive.
/// </summary>
/// <remarks>
/// A session is leased while an inference runs on it; an evicted session that is still leased is disposed when its
/// last lease ends, never under a running inference. Creating a session happens outside the cache's lock, once per
/// key even when several requests ask for it at the same time.
/// </remarks>
internal sealed class SegmentSessionCache : IDisposable
{
    private readonly int _capacity;
    private readonly Func<SegmentSessionKey, SegmentSession> _create;
    private readonly Action<SegmentSessionKey>? _evicted;
    private readonly Dictionary<SegmentSessionKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new(); // most recently used first
    private readonly Lock _lock = new();
    private bool _disposed;

    public SegmentSessionCache(int capacity, Func<SegmentSessionKey, SegmentSession> create, Action<SegmentSessionKey>? evicted = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _create = create;
        _evicted = evicted;
    }

    /// <summary>The number of sessions held (created or being created), leased or not.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The keys held, most recently used first.</summary>
    public IReadOnlyList<SegmentSessionKey> Keys
    {
        get
        {
            lock (_lock)
            {
                return _recency.Select(e => e.Key).ToArray();
            }
        }
    }

    /// <summary>The session of <paramref name="key"/>, created if needed; dispose the lease when the inference is done.</summary>
    public Lease Acquire(SegmentSessionKey key)
    {
        Entry entry;
        List<Entry>? victims = null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                entry = new Entry(key, new Lazy<SegmentSession>(() => _create(key), LazyThreadSafetyMode.ExecutionAndPublication));
                _entries[key] = _recency.AddFirst(entry);
                while (_entries.Count > _capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Key);
                    (victims ??= []).Add(last.Value);
                }
            }

            entry.Leases++;
        }

        Retire(victims);
        try
        {
            return new Lease(this, entry, entry.Session.Value);
        }
        catch
        {
            // A failed creation is not cached: the next request tries again.
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value, entry))
                {
                    _recency.Remove(node);
                    _entries.Remove(key);
                }

                entry.Leases--;
                entry.Evicted = true;
            }

            throw;
        }
    }

    /// <summary>Disposes the sessions whose key matches <paramref name="predicate"/> (once no inference runs on them).</summary>
    public void Release(Func<SegmentSessionKey, bool> predicate)
    {
        List<Entry>? victims = null;
        lock (_lock)
        {
            foreach (var (key, node) in _entries.Where(e => predicate(e.Key)).ToArray())
            {
                _recency.Remove(node);
                _entries.Remove(key);
                (victims ??= []).Add(node.Value);
            }
        }

        Retire(victims);
    }

    /// <summary>Disposes every session (those still leased when their lease ends).</summary>
    public void Dispose()
    {
        List<Entry> victims;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            victims = [.. _recency];
            _recency.Clear();
            _entries.Clear();
        }

        Retire(victims);
    }

    private void Retire(List<Entry>? victims)
    {
        if (victims is null)
        {
            return;
        }

        foreach (var victim in victims)
        {
            bool dispose;
            lock (_lock)
            {
                victim.Evicted = true;
                dispose = victim.Leases == 0;
            }

            if (dispose)
            {
                DisposeEntry(victim);
            }
        }
    }

    private void Return(Entry entry)
    {
        bool dispose;
        lock (_lock)
        {
            entry.Leases--;
            dispose = entry.Evicted && entry.Leases == 0;
        }

        if (dispose)
        {
            DisposeEntry(entry);
        }
    }

    private void DisposeEntry(Entry entry)
    {
        if (entry.Session.IsValueCreated)
        {
            entry.Session.Value.Dispose();
            _evicted?.Invoke(entry.Key);
        }
    }

    /// <summary>A session in use; disposing the lease hands it back to the cache.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly SegmentSessionCache _cache;
        private readonly Entry _entry;
        private int _returned;

        internal Lease(SegmentSessionCache cache, Entry entry, SegmentSession session)
        {
            _cache = cache;
            _entry = entry;
            Session = session;
        }

        /// <summary>The segment and its session.</summary>
        public SegmentSession Session { get; }

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                _cache.Return(_entry);
            }
        }
    }

    internal sealed class Entry(SegmentSessionKey key, Lazy<SegmentSession> session)
    {
        public SegmentSessionKey Key { get; } = key;

        public Lazy<SegmentSession> Session { get; } = session;

        public int Leases { get; set; }

        public bool Evicted { get; set; }
    }
}
