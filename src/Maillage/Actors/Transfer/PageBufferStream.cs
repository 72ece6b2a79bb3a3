namespace Maillage.Actors.Transfer;

/// <summary>
/// A write-only stream that holds what the writers above it produce (ZIP, XML, CSV and JSON writers all write
/// synchronously) until <see cref="DrainAsync"/> hands it to the response asynchronously. The export drains after each
/// page of actors, so memory holds at most one page's bytes and no request thread blocks on a slow client.
/// </summary>
public sealed class PageBufferStream(Stream destination) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes written so far (ZipArchive reads it to locate its entries on a stream it cannot seek).</summary>
    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await destination.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        await destination.FlushAsync(cancellationToken);
        _pending.SetLength(0);
    }

    public override void Flush()
    {
        // Nothing to do synchronously: the bytes leave in DrainAsync.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
