using System.Security.Cryptography;

namespace DynaSplit.IO;

/// <summary>
/// A file written so that readers see either the old content or the whole new content, and never a file an attacker
/// planted: the bytes go to a temporary file created exclusively (<c>O_CREAT | O_EXCL</c>, so a symbolic link or file
/// already at that name is never followed or truncated) under an unpredictable name in the target's folder, are
/// flushed to disk, and the temporary file is then renamed over the target (a rename replaces a link at the target
/// instead of writing through it).
/// </summary>
/// <remarks>
/// Write to <see cref="Stream"/>, then call <see cref="Commit"/>; disposing without committing deletes the temporary
/// file and leaves the target as it was. Several files that belong together (a model and its data file) are written
/// as one unit by writing every one of them first and committing them one after another only when all are complete.
/// </remarks>
public sealed class AtomicFile : IDisposable
{
    private const int MaxNameAttempts = 8;
    private FileStream? _stream;
    private bool _committed;

    private AtomicFile(string path, string temporaryPath, FileStream stream)
    {
        Path = path;
        TemporaryPath = temporaryPath;
        _stream = stream;
    }

    /// <summary>The full path of the file this replaces when committed.</summary>
    public string Path { get; }

    /// <summary>The full path of the temporary file being written (in the same folder as <see cref="Path"/>).</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write the new content to.</summary>
    /// <exception cref="ObjectDisposedException">The file was committed or disposed.</exception>
    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(AtomicFile), $"The new content of '{Path}' was already committed or discarded.");

    /// <summary>Starts writing <paramref name="path"/>: creates its folder when missing and an exclusive temporary file beside it.</summary>
    /// <exception cref="IOException">The target is a folder, or no temporary file could be created in its folder.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static AtomicFile Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"Cannot write '{full}': it is a folder. Give a file name.");
        }

        var directory = System.IO.Path.GetDirectoryName(full) ?? throw new IOException($"Cannot write '{full}': it has no parent folder.");
        Directory.CreateDirectory(directory);
        var name = System.IO.Path.GetFileName(full);
        for (var attempt = 0; ; attempt++)
        {
            var temporary = System.IO.Path.Combine(directory, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}.tmp");
            try
            {
                var stream = new FileStream(temporary, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    BufferSize = 1 << 16,
                });
                return new AtomicFile(full, temporary, stream);
            }
            catch (IOException) when (attempt < MaxNameAttempts)
            {
                // A name taken by chance (or planted): draw another.
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = Create(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>
    /// Writes <paramref name="path"/> atomically with <paramref name="write"/>; when it throws or
    /// <paramref name="cancellationToken"/> is cancelled before the rename, the target is left as it was.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = Create(path);
        await write(file.Stream, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        file.Commit();
    }

    /// <summary>Flushes the new content to disk (fsync) and closes it, without replacing the target yet.</summary>
    /// <remarks>Call it on every file of a unit before committing any, so that committing is only renames.</remarks>
    public void Flush()
    {
        if (_stream is { } stream)
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            _stream = null;
        }
    }

    /// <summary>Flushes the new content to disk and renames it over the target.</summary>
    /// <exception cref="InvalidOperationException">Already committed.</exception>
    public void Commit()
    {
        if (_committed)
        {
            throw new InvalidOperationException($"'{Path}' was already committed.");
        }

        Flush();
        File.Move(TemporaryPath, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>Discards the temporary file unless committed.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            try
            {
                File.Delete(TemporaryPath);
            }
            catch (IOException)
            {
                // Best effort: the temporary file has an unmistakable name.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
