namespace TaggedPtr.Simulation;

/// <summary>x86-64 Linux error numbers that the simulated kernel returns (as <c>-errno</c> from raw calls).</summary>
public enum Errno
{
    /// <summary>Success (not an error).</summary>
    None = 0,

    /// <summary>Operation not permitted (mapping below <c>mmap_min_addr</c>).</summary>
    EPERM = 1,

    /// <summary>No such process.</summary>
    ESRCH = 3,

    /// <summary>Interrupted: a fatal signal was pending while taking the mmap lock.</summary>
    EINTR = 4,

    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,

    /// <summary>Try again.</summary>
    EAGAIN = 11,

    /// <summary>Out of memory, or a range that is not mapped (mprotect, MAP_FIXED beyond TASK_SIZE).</summary>
    ENOMEM = 12,

    /// <summary>Bad user address (copy_to_user / copy_from_user / put_user failed).</summary>
    EFAULT = 14,

    /// <summary>Busy: LAM locked (already enabled or multithreaded), or a bind refused because LAM is on.</summary>
    EBUSY = 16,

    /// <summary>Already exists (MAP_FIXED_NOREPLACE over a mapping).</summary>
    EEXIST = 17,

    /// <summary>No such device: the CPU lacks LAM, or the device has no IOMMU group.</summary>
    ENODEV = 19,

    /// <summary>Invalid argument.</summary>
    EINVAL = 22,

    /// <summary>No space left: the global PASID space is exhausted.</summary>
    ENOSPC = 28,

    /// <summary>Value too large: the address space's PASID is beyond the device's PASID range.</summary>
    EOVERFLOW = 75,

    /// <summary>Operation not supported.</summary>
    EOPNOTSUPP = 95,
}
