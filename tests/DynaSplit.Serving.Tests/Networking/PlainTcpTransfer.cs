using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DynaSplit.Serving.Tests.Networking;

/// <summary>
/// The baseline a transport is measured against: the same bytes over a plain TCP connection on the same link. A sink
/// listens inside the link's namespace and, per message (an 8-byte little-endian length, then that many bytes), reads
/// everything and answers one byte; the sender times from its first byte to that answer, on one kept-open
/// connection, as the transport keeps its channel open.
/// </summary>
internal sealed class PlainTcpTransfer : IDisposable
{
    private readonly Socket _listener;
    private readonly Socket _client;
    private readonly NetworkStream _stream;
    private readonly Task _sink;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _chunk = new byte[1 << 20];

    private PlainTcpTransfer(Socket listener, Socket client)
    {
        _listener = listener;
        _client = client;
        _stream = new NetworkStream(client, ownsSocket: false);
        new Random(1).NextBytes(_chunk);
        _sink = Task.Run(() => SinkAsync(_stop.Token));
    }

    /// <summary>Starts a sink inside <paramref name="link"/>'s namespace and connects to it from this side.</summary>
    public static PlainTcpTransfer Start(ShapedLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var listener = link.ListenInside();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            client.Connect((IPEndPoint)listener.LocalEndPoint!);
            return new PlainTcpTransfer(listener, client);
        }
        catch
        {
            client.Dispose();
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="bytes"/> bytes and waits for the sink's answer; returns the time taken.</summary>
    public async Task<TimeSpan> SendAsync(long bytes, CancellationToken cancellationToken = default)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(header, bytes);
        var start = Stopwatch.GetTimestamp();
        await _stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        for (var left = bytes; left > 0;)
        {
            var n = (int)Math.Min(left, _chunk.Length);
            await _stream.WriteAsync(_chunk.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            left -= n;
        }

        var answer = new byte[1];
        await _stream.ReadExactlyAsync(answer, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stream.Dispose();
        _client.Dispose();
        _listener.Dispose();
        try
        {
            _sink.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The sink ends with the sockets.
        }

        _stop.Dispose();
    }

    private async Task SinkAsync(CancellationToken cancellationToken)
    {
        using var connection = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        using var stream = new NetworkStream(connection, ownsSocket: false);
        var header = new byte[8];
        var buffer = new byte[1 << 20];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
                for (var left = BinaryPrimitives.ReadInt64LittleEndian(header); left > 0;)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    left -= n;
                }

                await stream.WriteAsync(new byte[] { 1 }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or EndOfStreamException)
        {
            // The sender closed the connection.
        }
    }
}
