using System.Runtime.InteropServices;

namespace DynaSplit.OnnxRuntime.Models;

/// <summary>
/// The one way model files and their external data files are opened. Models come from untrusted sources, so an
/// external data location must name a regular file with a single link inside the model's folder, reached without
/// following any symbolic link; a link, a hard link, a FIFO, a device, a folder or a path that leaves the folder is
/// refused (the checks ONNX adopted for CVE-2024-27318). The path is checked before opening (so a FIFO never blocks
/// the open) and the opened handle again after (so a file swapped for a link in between is caught).
/// </summary>
internal static class ModelFiles
{
    /// <summary>Protocol buffers cannot encode a message of 2 GiB or more, so no ONNX file is larger.</summary>
    public const long MaxModelFileBytes = int.MaxValue;

    /// <summary>Reads the model file at <paramref name="fullPath"/> (which may itself be a link the user chose).</summary>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    /// <exception cref="InvalidDataException">The path is a folder or a special file, or the file is too large to be a model.</exception>
    public static byte[] ReadModel(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new InvalidDataException($"ONNX model '{fullPath}' is a folder, not a file; give the path of the .onnx file inside it.");
        }

        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model '{fullPath}' does not exist; check the path.", fullPath);
        }

        // The model path may be a link the user made; what it points to must still be a regular file.
        var target = new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
        RequireRegular(UnixFileStatus.OfPath(target), fullPath, "ONNX model", allowHardLinks: true);
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        RequireRegular(UnixFileStatus.OfHandle(stream.SafeFileHandle), fullPath, "ONNX model", allowHardLinks: true);
        var length = stream.Length;
        if (length > MaxModelFileBytes)
        {
            throw new InvalidDataException($"ONNX model '{fullPath}' has {length} bytes, more than the 2 GiB a protocol buffer can hold; a model this large must keep its weights in external data files.");
        }

        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The canonical path of a folder (every link in it resolved), or its full path where that cannot be learned.</summary>
    public static string CanonicalFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        return RealPath(full) ?? full;
    }

    /// <summary>
    /// Opens the external data file <paramref name="location"/> of tensor <paramref name="tensor"/> for reading,
    /// relative to <paramref name="folder"/> (a canonical folder, see <see cref="CanonicalFolder"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The location is unsafe or the file missing; the message names the model, tensor and file.</exception>
    public static FileStream OpenExternal(string folder, string location, string tensor, string modelPath)
    {
        var full = ResolveExternal(folder, location, tensor, modelPath);
        FileStream stream;
        try
        {
            stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"'{modelPath}': the external data file '{full}' of tensor '{tensor}' cannot be opened ({ex.Message}).", ex);
        }

        try
        {
            RequireRegular(UnixFileStatus.OfHandle(stream.SafeFileHandle), full, $"'{modelPath}': the external data file of tensor '{tensor}',", allowHardLinks: false);
            if (OperatingSystem.IsLinux())
            {
                var opened = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
                if (opened is not null && !string.Equals(opened, full, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"'{modelPath}': the external data file '{full}' of tensor '{tensor}' changed into a link to '{opened}' while it was being opened; external data must be a regular file inside the model's folder.");
                }
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The full path of external data file <paramref name="location"/> after checking the location is relative, stays
    /// in <paramref name="folder"/>, crosses no symbolic link and names a regular file with one link.
    /// </summary>
    public static string ResolveExternal(string folder, string location, string tensor, string modelPath)
    {
        if (string.IsNullOrEmpty(location))
        {
            throw new InvalidDataException($"'{modelPath}': tensor '{tensor}' is marked EXTERNAL but its external_data has no 'location'.");
        }

        if (location.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(location))
        {
            throw new InvalidDataException($"'{modelPath}': tensor '{tensor}' points to the absolute path '{location}'; external data locations must be relative to the model's folder.");
        }

        var root = folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(folder, location));
        if (!full.StartsWith(root, StringComparison.Ordinal) || full.Length == root.Length)
        {
            throw new InvalidDataException($"'{modelPath}': tensor '{tensor}' points to '{location}', outside the model's folder; external data must sit beside the model.");
        }

        // Every component from the folder down must be a real folder, and the last a regular file: no link anywhere.
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var path = folder;
        for (var i = 0; i < parts.Length; i++)
        {
            path = Path.Combine(path, parts[i]);
            var last = i == parts.Length - 1;
            var info = last ? (FileSystemInfo)new FileInfo(path) : new DirectoryInfo(path);
            if (info.LinkTarget is { } link)
            {
                throw new InvalidDataException($"'{modelPath}': the external data of tensor '{tensor}' ('{location}') goes through the symbolic link '{path}' -> '{link}'; links are not followed, so that a model cannot read files outside its folder. Copy the data file next to the model.");
            }

            if (!last && !Directory.Exists(path))
            {
                throw new InvalidDataException($"'{modelPath}': the external data file '{full}' of tensor '{tensor}' does not exist ('{path}' is not a folder); copy it next to the model.");
            }
        }

        if (Directory.Exists(full))
        {
            throw new InvalidDataException($"'{modelPath}': the external data location '{location}' of tensor '{tensor}' is a folder, not a file.");
        }

        if (!File.Exists(full))
        {
            throw new InvalidDataException($"'{modelPath}': the external data file '{full}' of tensor '{tensor}' does not exist; copy it next to the model.");
        }

        RequireRegular(UnixFileStatus.OfPath(full), full, $"'{modelPath}': the external data file of tensor '{tensor}',", allowHardLinks: false);
        return full;
    }

    private static void RequireRegular(UnixFileStatus? status, string path, string what, bool allowHardLinks)
    {
        if (status is not { } s)
        {
            return;
        }

        if (s.Kind != UnixFileKind.Regular)
        {
            throw new InvalidDataException($"{what} '{path}' is a {Describe(s.Kind)}, not a regular file; refusing to read it.");
        }

        if (!allowHardLinks && s.LinkCount > 1)
        {
            throw new InvalidDataException($"{what} '{path}' has {s.LinkCount} hard links; external data must be a file of its own (a hard link could expose another file). Copy it instead of linking it.");
        }
    }

    private static string Describe(UnixFileKind kind) => kind switch
    {
        UnixFileKind.Directory => "folder",
        UnixFileKind.SymbolicLink => "symbolic link",
        UnixFileKind.Fifo => "FIFO (named pipe)",
        UnixFileKind.CharacterDevice => "character device",
        UnixFileKind.BlockDevice => "block device",
        UnixFileKind.Socket => "socket",
        _ => "special file",
    };

    private static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            var result = RealPathNative(path, IntPtr.Zero);
            if (result == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(result);
            }
            finally
            {
                Free(result);
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

#pragma warning disable SYSLIB1054 // Plain pointer signatures; no generated marshalling needed.
    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
#pragma warning restore SYSLIB1054
}
