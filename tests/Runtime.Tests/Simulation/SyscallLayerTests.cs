using System;
using System.Text;
using System.Threading.Tasks;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Simulation;

/// <summary>Which system calls untag (kernel-lam.md §3.4), and copy_to/from_user under access_ok() (§3.3).</summary>
public sealed class SyscallLayerTests
{
    private const ulong Tag = 0x2AUL << 57;

    [Fact]
    public void Munmap_untags_the_address_when_lam_is_on()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.EnableTaggedAddresses(6);
        Assert.Equal(0, t.Munmap(page | Tag, 4096));
        Assert.Empty(t.AddressSpace.Regions);
    }

    [Fact]
    public void Munmap_of_a_tagged_address_without_lam_is_einval()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.Munmap(page | Tag, 4096)));
        Assert.Single(t.AddressSpace.Regions);
    }

    [Fact]
    public void Mprotect_and_madvise_untag()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.Store(page, 9);
        t.EnableTaggedAddresses(6);
        Assert.Equal(0, t.Mprotect(page | Tag, 4096, Protection.Read));
        Assert.Equal(Protection.Read, t.AddressSpace.Regions[0].Protection);
        Assert.Equal(0, t.Madvise(page | Tag, 4096, MadviseAdvice.DontNeed));
        Assert.Equal(0, t.Load<int>(page));
    }

    [Fact]
    public void Mmap_ignores_a_tagged_hint_and_rejects_a_tagged_fixed_address()
    {
        SimThread t = Sim.Start();
        t.EnableTaggedAddresses(6);
        ulong hint = 0x0000_1000_0000_0000;
        Assert.Equal((long)hint, t.Mmap(hint, 4096, Protection.ReadWrite, MapFlags.Private));
        long result = t.Mmap((hint + 0x10000) | Tag, 4096, Protection.ReadWrite, MapFlags.Private);
        Assert.True(result > 0);
        Assert.NotEqual(hint + 0x10000, (ulong)result);
        Assert.Equal(Errno.ENOMEM, Sim.ErrnoOf(t.Mmap((hint + 0x10000) | Tag, 4096, Protection.ReadWrite, MapFlags.Private | MapFlags.Fixed)));
    }

    [Fact]
    public void On_5_level_paging_a_tagged_hint_widens_the_search_to_56_bits()
    {
        SimThread t = Sim.Start(KernelConfig.LamCapable with { Paging = PagingMode.FiveLevel });
        ulong low = (ulong)t.Mmap(0, 4096, Protection.ReadWrite, MapFlags.Private);
        Assert.True(low < 1UL << 47);
        ulong widened = (ulong)t.Mmap(0x1000 | Tag, 4096, Protection.ReadWrite, MapFlags.Private);
        Assert.True(widened >= 1UL << 47, $"0x{widened:x}");
        Assert.True(widened < 1UL << 56);
    }

    [Fact]
    public void Mmap_checks_its_arguments_in_the_kernel_order()
    {
        SimThread t = Sim.Start();
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.Mmap(0, 0, Protection.ReadWrite, MapFlags.Private)));
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.Mmap(0, 4096, Protection.ReadWrite, MapFlags.None)));
        Assert.Equal(Errno.ENOMEM, Sim.ErrnoOf(t.Mmap(0, ulong.MaxValue - 100, Protection.ReadWrite, MapFlags.Private)));
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.Mmap(0x10001, 4096, Protection.ReadWrite, MapFlags.Private | MapFlags.Fixed)));
        Assert.Equal(Errno.EPERM, Sim.ErrnoOf(t.Mmap(0x1000, 4096, Protection.ReadWrite, MapFlags.Private | MapFlags.Fixed)));
        ulong taken = t.Map(4096);
        Assert.Equal(Errno.EEXIST, Sim.ErrnoOf(t.Mmap(taken, 4096, Protection.ReadWrite, MapFlags.Private | MapFlags.FixedNoReplace)));
        Assert.Equal((long)taken, t.Mmap(taken, 4096, Protection.Read, MapFlags.Private | MapFlags.Fixed));
        Assert.Equal(Protection.Read, t.AddressSpace.Regions[0].Protection);
    }

    [Fact]
    public void Mremap_untags_the_old_address_but_not_the_new_one()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096);
        t.Store(page, 33);
        t.EnableTaggedAddresses(6);
        ulong target = page - 0x100000;
        Assert.Equal(Errno.EINVAL, Sim.ErrnoOf(t.Mremap(page | Tag, 4096, 4096, MremapFlags.MayMove | MremapFlags.Fixed, target | Tag)));
        Assert.Equal((long)target, t.Mremap(page | Tag, 4096, 8192, MremapFlags.MayMove | MremapFlags.Fixed, target));
        Assert.Equal(33, t.Load<int>(target));
        Assert.Throws<PageFaultException>(() => t.Load<int>(page));
    }

    [Fact]
    public void Mremap_grows_in_place_and_shrinks()
    {
        SimThread t = Sim.Start();
        ulong page = t.Map(4096, address: 0x10_0000_0000);
        Assert.Equal((long)page, t.Mremap(page, 4096, 3 * 4096, MremapFlags.None));
        t.Store(page + 8192, 1);
        Assert.Equal((long)page, t.Mremap(page, 3 * 4096, 4096, MremapFlags.None));
        Assert.Throws<PageFaultException>(() => t.Load<int>(page + 8192));
        Assert.Equal(Errno.EFAULT, Sim.ErrnoOf(t.Mremap(0x20_0000_0000, 4096, 8192, MremapFlags.MayMove)));
    }

    [Fact]
    public void Brk_uses_the_address_verbatim()
    {
        SimThread t = Sim.Start();
        ulong start = t.AddressSpace.Brk;
        Assert.Equal(start + 0x5000, t.Brk(start + 0x5000));
        t.Store(start + 0x4000, 1);
        t.EnableTaggedAddresses(6);
        Assert.Equal(start + 0x5000, t.Brk((start + 0x8000) | Tag));
        Assert.Equal(start + 0x1000, t.Brk(start + 0x1000));
        Assert.Throws<PageFaultException>(() => t.Load<int>(start + 0x4000));
    }

    [Fact]
    public void Uname_into_a_tagged_buffer_works_with_lam_on()
    {
        SimThread t = Sim.Start();
        ulong buffer = t.Map(4096);
        t.EnableTaggedAddresses(6);
        Assert.Equal(0, t.Uname(buffer | Tag));
        byte[] sysname = new byte[5];
        t.LoadBytes(buffer, sysname);
        Assert.Equal("Linux", Encoding.ASCII.GetString(sysname));
        byte[] machine = new byte[6];
        t.LoadBytes(buffer + 4 * 65, machine);
        Assert.Equal("x86_64", Encoding.ASCII.GetString(machine));
    }

    [Fact]
    public void Uname_into_a_tagged_buffer_is_efault_with_lam_off()
    {
        SimThread t = Sim.Start();
        ulong buffer = t.Map(4096);
        Assert.Equal(Errno.EFAULT, Sim.ErrnoOf(t.Uname(buffer | Tag)));
        Assert.Equal(0, t.Uname(buffer));
    }

    [Fact]
    public void The_strict_user_pointer_limit_refuses_tagged_pointers_even_with_lam_on()
    {
        SimThread t = Sim.Start(KernelConfig.LamCapable with { UserPointerLimit = UserPointerLimit.TaskSizeMax });
        ulong buffer = t.Map(4096);
        t.EnableTaggedAddresses(6);
        Assert.Equal(Errno.EFAULT, Sim.ErrnoOf(t.Uname(buffer | Tag)));
        Assert.Equal(0, t.Uname(buffer));
        t.Store(buffer | Tag, 5);
        Assert.Equal(5, t.Load<int>(buffer));
    }

    [Fact]
    public void Read_copies_to_a_tagged_buffer_with_lam_on_and_faults_with_lam_off()
    {
        SimThread t = Sim.Start();
        int fd = t.Process.Open(new MemoryFile(Encoding.ASCII.GetBytes("tagged pointers")));
        ulong buffer = t.Map(4096);
        Assert.Equal(Errno.EFAULT, Sim.ErrnoOf(t.Read(fd, buffer | Tag, 6)));
        t.EnableTaggedAddresses(6);
        Assert.Equal(6, t.Read(fd, buffer | Tag, 6));
        byte[] back = new byte[6];
        t.LoadBytes(buffer, back);
        Assert.Equal("tagged", Encoding.ASCII.GetString(back));
        Assert.Equal(Errno.EBADF, Sim.ErrnoOf(t.Read(99, buffer, 1)));
    }

    [Fact]
    public void Read_across_an_unmapped_page_returns_a_short_count()
    {
        SimThread t = Sim.Start();
        int fd = t.Process.Open(new MemoryFile(new byte[8192]));
        ulong pages = t.Map(8192);
        t.Unmap(pages + 4096, 4096);
        Assert.Equal(96, t.Read(fd, pages + 4000, 200));
        Assert.Equal(Errno.EFAULT, Sim.ErrnoOf(t.Read(fd, pages + 4096, 10)));
    }

    [Fact]
    public void Write_copies_from_a_tagged_buffer_with_lam_on()
    {
        SimThread t = Sim.Start();
        var file = new MemoryFile();
        int fd = t.Process.Open(file);
        ulong buffer = t.Map(4096);
        t.StoreBytes(buffer, Encoding.ASCII.GetBytes("abc"));
        t.EnableTaggedAddresses(6);
        Assert.Equal(3, t.Write(fd, buffer | Tag, 3));
        Assert.Equal("abc", Encoding.ASCII.GetString(file.ToArray()));
        Assert.Equal(0, t.Close(fd));
        Assert.Equal(Errno.EBADF, Sim.ErrnoOf(t.Write(fd, buffer, 3)));
    }

    [Fact]
    public void Put_user_through_arch_prctl_follows_lam()
    {
        SimThread t = Sim.Start();
        ulong buffer = t.Map(4096);
        Assert.Equal(Errno.EFAULT, Sim.ErrnoOf(t.ArchPrctl(ArchPrctlOption.GetMaxTagBits, buffer | Tag)));
        t.EnableTaggedAddresses(6);
        Assert.Equal(0, t.ArchPrctl(ArchPrctlOption.GetUntagMask, buffer | Tag));
        Assert.Equal(0x81FF_FFFF_FFFF_FFFFUL, t.Load<ulong>(buffer));
    }

    [Fact]
    public async Task An_io_worker_reads_into_a_tagged_buffer_exactly_as_the_submitter_would()
    {
        SimThread t = Sim.Start();
        int fd = t.Process.Open(new MemoryFile(Encoding.ASCII.GetBytes("0123456789")));
        ulong buffer = t.Map(4096);
        t.EnableTaggedAddresses(6);
        using IoRing ring = t.SetupIoRing();
        Assert.Equal(4, await ring.SubmitRead(fd, buffer | Tag, 4));
        Assert.NotNull(ring.Worker);
        Assert.True(ring.Worker!.IsKernelWorker);
        Assert.Same(t.AddressSpace, ring.Worker.AddressSpace);
        Assert.Equal(0x33323130, t.Load<int>(buffer));
    }

    [Fact]
    public async Task An_io_worker_gets_efault_for_a_tagged_buffer_with_lam_off()
    {
        SimThread t = Sim.Start();
        int fd = t.Process.Open(new MemoryFile(Encoding.ASCII.GetBytes("0123456789")));
        ulong buffer = t.Map(4096);
        using IoRing ring = t.SetupIoRing();
        Assert.Equal(-(long)Errno.EFAULT, await ring.SubmitRead(fd, buffer | Tag, 4));
        Assert.Equal(4, await ring.SubmitRead(fd, buffer, 4));
    }

    [Fact]
    public async Task Creating_the_io_worker_locks_lam_like_any_clone_vm()
    {
        SimThread t = Sim.Start();
        int fd = t.Process.Open(new MemoryFile(new byte[4]));
        ulong buffer = t.Map(4096);
        using IoRing ring = t.SetupIoRing();
        Assert.False(t.AddressSpace.LamLocked);
        await ring.SubmitRead(fd, buffer, 4);
        Assert.True(t.AddressSpace.LamLocked);
        Assert.Equal(Errno.EBUSY, Assert.Throws<SyscallException>(() => t.EnableTaggedAddresses(6)).Errno);
        ring.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = ring.SubmitRead(fd, buffer, 4); });
    }

    [Fact]
    public void The_host_probe_gives_a_definite_answer()
    {
        HostLamReport report = HostLam.Probe();
        Assert.False(string.IsNullOrWhiteSpace(report.Description));
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.NotEqual(HostLamStatus.Unsupported, report.Status);
            Assert.Equal(report.Status == HostLamStatus.Available, report.MaxTagBits == 6);
        }
        else
        {
            Assert.Equal(HostLamStatus.Unsupported, report.Status);
        }
    }
}
