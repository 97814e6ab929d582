namespace DynaSplit.Serving.Inference;

/// <summary>Whether the server takes new requests: ready once the model is loaded, draining once shutdown began.</summary>
public sealed class ServingState
{
    private volatile bool _ready;
    private volatile bool _draining;

    /// <summary>True once the model is loaded and until shutdown begins.</summary>
    public bool IsReady => _ready && !_draining;

    /// <summary>True once shutdown began: new requests get UNAVAILABLE, those running finish.</summary>
    public bool IsDraining => _draining;

    /// <summary>Raised when <see cref="IsReady"/> changes (health watchers).</summary>
    public event EventHandler? Changed;

    internal void MarkReady()
    {
        _ready = true;
        Changed?.Invoke(this, EventArgs.Empty);
    }

    internal void MarkDraining()
    {
        _draining = true;
        Changed?.Invoke(this, EventArgs.Empty);
    }
}
