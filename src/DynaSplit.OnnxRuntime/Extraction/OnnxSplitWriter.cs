using DynaSplit.IO;
using DynaSplit.OnnxRuntime.Models;

namespace DynaSplit.OnnxRuntime.Extraction;

/// <summary>
/// Writes the head and tail of a split point into a folder as one unit: <c>head.onnx</c>, <c>tail.onnx</c> and their
/// <c>.data</c> files are all written to exclusive temporary files first, and only when every one is complete are
/// they renamed into place. A failure or cancellation before that leaves the folder as it was; the files of an
/// earlier split that this one would leave behind (a head without tail, data without model) are removed, and the
/// model's own files are never overwritten.
/// </summary>
public static class OnnxSplitWriter
{
    /// <summary>The head model's file name.</summary>
    public const string HeadFileName = "head.onnx";

    /// <summary>The tail model's file name.</summary>
    public const string TailFileName = "tail.onnx";

    /// <summary>
    /// Writes <paramref name="parts"/> into <paramref name="directory"/> (created when missing). Parts go with
    /// external data files when <paramref name="externalData"/> is true, or when null (the default) when the source
    /// model had them.
    /// </summary>
    /// <exception cref="IOException">A target is the source model or one of its data files, or writing failed (the folder is unchanged).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the files were renamed into place (the folder is unchanged).</exception>
    public static OnnxSplitFiles Write(OnnxSplitParts parts, string directory, bool? externalData = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var folder = Path.GetFullPath(directory);
        if (File.Exists(folder))
        {
            throw new IOException($"Cannot write the split into '{folder}': it is a file, not a folder.");
        }

        var external = externalData ?? (parts.Head ?? parts.Tail)?.UsedExternalData ?? false;
        var headPath = Path.Combine(folder, HeadFileName);
        var tailPath = Path.Combine(folder, TailFileName);
        var targets = new[] { headPath, tailPath, headPath + ".data", tailPath + ".data" };
        if ((parts.Head ?? parts.Tail) is { } model)
        {
            foreach (var target in targets)
            {
                model.RefuseOwnFiles(target);
            }
        }

        var pending = new List<AtomicFile>();
        try
        {
            foreach (var (part, path) in new[] { (parts.Head, headPath), (parts.Tail, tailPath) })
            {
                if (part is not null)
                {
                    pending.AddRange(part.Prepare(path, external, 1024, cancellationToken));
                }
            }

            foreach (var file in pending)
            {
                file.Flush();
            }

            cancellationToken.ThrowIfCancellationRequested();

            // From here on only renames and deletes: not cancellable. The old models go first, so that an
            // interruption can leave a missing part but never a new part beside an old one.
            var removed = new List<string>();
            var committed = pending.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var path in targets)
            {
                var stale = !committed.Contains(path);
                if ((stale || path.EndsWith(".onnx", StringComparison.Ordinal)) && File.Exists(path))
                {
                    File.Delete(path);
                    if (stale)
                    {
                        removed.Add(path);
                    }
                }
            }

            foreach (var file in pending)
            {
                file.Commit();
            }

            return new OnnxSplitFiles(parts.Head is null ? null : headPath, parts.Tail is null ? null : tailPath, external, removed);
        }
        finally
        {
            foreach (var file in pending)
            {
                file.Dispose();
            }
        }
    }
}
