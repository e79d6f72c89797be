namespace TaggedPtr.Simulation;

/// <summary>
/// The simulated machine and kernel build: what the CPU can do and how the kernel was configured.
/// </summary>
/// <remarks>
/// The presets name the situations users meet: <see cref="LamCapable"/> (a LAM CPU and a kernel built with
/// <c>CONFIG_ADDRESS_MASKING</c>), <see cref="WithoutAddressMasking"/> (every LAM <c>arch_prctl</c> is <c>-EINVAL</c>, as
/// on distribution kernels since v6.12 and on the machines this project is built on), and <see cref="CpuWithoutLam"/>.
/// </remarks>
public sealed record KernelConfig
{
    /// <summary>A LAM CPU, <c>CONFIG_ADDRESS_MASKING=y</c>, 4-level paging, mainline policy.</summary>
    public static KernelConfig LamCapable { get; } = new();

    /// <summary>A LAM CPU but a kernel without <c>CONFIG_ADDRESS_MASKING</c>: all four LAM options return <c>-EINVAL</c>.</summary>
    public static KernelConfig WithoutAddressMasking { get; } = new() { AddressMasking = false };

    /// <summary>A kernel with address masking on a CPU without LAM: enabling returns <c>-ENODEV</c>.</summary>
    public static KernelConfig CpuWithoutLam { get; } = new() { CpuHasLam = false };

    /// <summary>CPUID.(EAX=07H,ECX=01H):EAX[26]: the CPU implements LAM.</summary>
    public bool CpuHasLam { get; init; } = true;

    /// <summary>The kernel was built with <c>CONFIG_ADDRESS_MASKING</c>; without it every LAM option is <c>-EINVAL</c>.</summary>
    public bool AddressMasking { get; init; } = true;

    /// <summary>The kernel was built with <c>CONFIG_IOMMU_SVA</c>; without it no address space ever has a PASID.</summary>
    public bool IommuSva { get; init; } = true;

    /// <summary>4- or 5-level paging.</summary>
    public PagingMode Paging { get; init; } = PagingMode.FourLevel;

    /// <summary>Which LAM modes are granted.</summary>
    public LamPolicy LamPolicy { get; init; } = LamPolicy.Mainline;

    /// <summary>How <c>access_ok()</c> treats tagged user pointers.</summary>
    public UserPointerLimit UserPointerLimit { get; init; } = UserPointerLimit.LamAware;

    /// <summary>
    /// Size of the global PASID space (the IOMMU's <c>max_pasids</c>): 2^20 on real hardware. PASID 0 is reserved, so
    /// at most <c>PasidSpace - 1</c> address spaces can hold one at a time. Lower it to reach <c>-ENOSPC</c> in tests.
    /// </summary>
    public uint PasidSpace { get; init; } = 1u << 20;

    /// <summary>
    /// Host memory the simulated kernel may use to back mappings (default 4 GiB). A mapping that would exceed it fails
    /// with <c>-ENOMEM</c>, as it would on a machine out of memory.
    /// </summary>
    public ulong HostMemoryLimit { get; init; } = 4UL << 30;

    /// <summary><c>vm.mmap_min_addr</c>: fixed mappings below it fail with <c>-EPERM</c>.</summary>
    public ulong MmapMinAddress { get; init; } = 0x10000;

    /// <summary><c>TASK_SIZE_MAX</c>: one page below the top of user space for the paging mode.</summary>
    public ulong TaskSizeMax => Paging == PagingMode.FiveLevel ? (1UL << 56) - Page.Size : (1UL << 47) - Page.Size;

    /// <summary><c>DEFAULT_MAP_WINDOW</c>: mmap stays below 47 bits unless a hint asks for more.</summary>
    public ulong DefaultMapWindow => (1UL << 47) - Page.Size;
}
