namespace DynaSplit.Simulation.Csv;

/// <summary>A read-only view of a stream that throws once more than a given number of bytes has been read.</summary>
internal sealed class LimitedStream(Stream inner, long limit, Func<string> message) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte beyond the limit, so that a file of exactly the limit passes.
        var allowed = (int)Math.Min(buffer.Length, limit - _read + 1);
        var n = inner.Read(buffer[..allowed]);
        _read += n;
        if (_read > limit)
        {
            throw new InvalidDataException(message());
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
