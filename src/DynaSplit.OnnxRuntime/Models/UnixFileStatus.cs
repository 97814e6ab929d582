using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DynaSplit.OnnxRuntime.Models;

/// <summary>
/// The kind and link count of a file as Linux's <c>statx</c> reports them, for a path (without following a final
/// symbolic link) or for an open handle. The layout of <c>struct statx</c> is the same on every architecture, which
/// is why it is used instead of <c>stat</c>. Null on other systems or old C libraries.
/// </summary>
internal readonly record struct UnixFileStatus(UnixFileKind Kind, uint LinkCount, long Size)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxNlink = 0x4;
    private const uint StatxSize = 0x200;

    /// <summary>The status of <paramref name="path"/> itself (a link is reported as a link).</summary>
    public static UnixFileStatus? OfPath(string path) => Query(AtFdCwd, path, AtSymlinkNoFollow);

    /// <summary>The status of the file <paramref name="handle"/> has open.</summary>
    public static UnixFileStatus? OfHandle(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Query((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath | AtSymlinkNoFollow);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static UnixFileStatus? Query(int directory, string path, int flags)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(directory, path, flags, StatxType | StatxMode | StatxNlink | StatxSize, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }

        // struct statx: stx_mask u32 @0, stx_blksize u32 @4, stx_attributes u64 @8, stx_nlink u32 @16,
        // stx_uid u32 @20, stx_gid u32 @24, stx_mode u16 @28, stx_ino u64 @32, stx_size u64 @40.
        var nlink = BitConverter.ToUInt32(buffer, 16);
        var mode = BitConverter.ToUInt16(buffer, 28);
        var size = BitConverter.ToInt64(buffer, 40);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => UnixFileKind.Regular,
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            0x1000 => UnixFileKind.Fifo,
            0x2000 => UnixFileKind.CharacterDevice,
            0x6000 => UnixFileKind.BlockDevice,
            0xC000 => UnixFileKind.Socket,
            _ => UnixFileKind.Other,
        };
        return new UnixFileStatus(kind, nlink, size);
    }

#pragma warning disable SYSLIB1054 // A byte[] out-buffer needs no generated marshalling code (and no unsafe blocks in this assembly).
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
