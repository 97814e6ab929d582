using System.Collections.Concurrent;
using System.Globalization;
using DynaSplit.OpenInference.Protocol;
using DynaSplit.OpenInference.Tensors;
using Grpc.Core;

namespace DynaSplit.OpenInference.Transport;

/// <summary>
/// One long-lived ModelStreamInfer stream shared by concurrent requests: each request gets a fresh id, is written
/// under a lock, and waits for the response with that id. A broken stream fails every waiting request with
/// UNAVAILABLE (which the transport may retry) and is reopened by the next request. The deadline of a request on a
/// stream is enforced here, since a stream has one deadline for all its messages.
/// </summary>
internal sealed class StreamingInferenceConnection : IDisposable
{
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;
    private readonly Metadata _headers;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ModelInferResponse>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private AsyncDuplexStreamingCall<ModelInferRequest, ModelStreamInferResponse>? _call;
    private long _nextId;

    public StreamingInferenceConnection(GRPCInferenceService.GRPCInferenceServiceClient client, Metadata headers)
    {
        _client = client;
        _headers = headers;
    }

    public async Task<ModelInferResponse> InferAsync(ModelInferRequest request, DateTime deadline, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var message = request.Clone();
        message.Id = id;
        var completion = new TaskCompletionSource<ModelInferResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "The deadline passed before the request was sent on the stream."));
            }

            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var call = _call ??= Open();
                try
                {
                    await call.RequestStream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
                {
                    Reset(call);
                    throw ex as RpcException ?? new RpcException(new Status(StatusCode.Unavailable, $"The inference stream broke: {ex.Message}", ex));
                }
            }
            finally
            {
                _writeLock.Release();
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
            try
            {
                return await completion.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "No response on the inference stream before the deadline."));
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _call?.Dispose();
        _disposed.Dispose();
        _writeLock.Dispose();
    }

    private AsyncDuplexStreamingCall<ModelInferRequest, ModelStreamInferResponse> Open()
    {
        var call = _client.ModelStreamInfer(_headers, cancellationToken: _disposed.Token);
        _ = Task.Run(() => ReadAsync(call));
        return call;
    }

    private async Task ReadAsync(AsyncDuplexStreamingCall<ModelInferRequest, ModelStreamInferResponse> call)
    {
        Exception? failure = null;
        try
        {
            while (await call.ResponseStream.MoveNext(_disposed.Token).ConfigureAwait(false))
            {
                var message = call.ResponseStream.Current;
                var response = message.InferResponse ?? new ModelInferResponse();
                if (!_pending.TryGetValue(response.Id, out var completion))
                {
                    continue;
                }

                if (string.IsNullOrEmpty(message.ErrorMessage))
                {
                    completion.TrySetResult(response);
                }
                else
                {
                    var code = OpenInferenceMessages.ReadInt64(response.Parameters, OpenInferenceParameters.StatusCode) is { } value && Enum.IsDefined((StatusCode)value)
                        ? (StatusCode)value
                        : StatusCode.Unknown;
                    completion.TrySetException(new RpcException(new Status(code, message.ErrorMessage)));
                }
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or IOException or InvalidOperationException)
        {
            failure = ex;
        }

        Reset(call);
        var status = failure is RpcException rpc && rpc.StatusCode != StatusCode.Cancelled
            ? rpc.Status
            : new Status(StatusCode.Unavailable, $"The inference stream ended{(failure is null ? string.Empty : ": " + failure.Message)}.");
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new RpcException(status));
        }
    }

    private void Reset(AsyncDuplexStreamingCall<ModelInferRequest, ModelStreamInferResponse> call)
    {
        if (Interlocked.CompareExchange(ref _call, null, call) == call)
        {
            call.Dispose();
        }
    }
}
