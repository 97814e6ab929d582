namespace DynaSplit.Hardware.Linux.Sysfs;

/// <summary>Why a sysfs access failed.</summary>
public enum SysfsErrorKind
{
    /// <summary>Another input/output error.</summary>
    Other = 0,

    /// <summary>The file does not exist (the interface is absent, or a device went away).</summary>
    NotFound,

    /// <summary>The user may not write the file (EACCES/EPERM).</summary>
    PermissionDenied,

    /// <summary>The file system is mounted read-only (EROFS), as in many containers.</summary>
    ReadOnlyFileSystem,

    /// <summary>The kernel rejected the value (EINVAL): out of range, or not accepted in the current state.</summary>
    InvalidArgument,

    /// <summary>The kernel refused the change for now (EBUSY), for example offlining the boot CPU.</summary>
    Busy,
}
