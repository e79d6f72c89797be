using System;
using System.Linq;
using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Devices;

/// <summary>
/// The simulated DSA: operations, completion records with the hardware's status codes, device-side translation that
/// never untags, page faults with and without block-on-fault, bad descriptors, and submission rules.
/// </summary>
public sealed class DsaDeviceTests
{
    [Fact]
    public void Memmove_with_untagged_addresses_copies_the_bytes_and_reports_success()
    {
        var rig = new DsaRig();
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 3 * 4096 + 100, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.Success, record.Code);
        Assert.Equal(3u * 4096 + 100, record.BytesCompleted);
        Assert.Equal(rig.Bytes(rig.Source, 3 * 4096 + 100), rig.Bytes(rig.Destination, 3 * 4096 + 100));
        Assert.Equal(new byte[100], rig.Bytes(rig.Destination + 3 * 4096 + 100, 100));
    }

    [Fact]
    public void A_tagged_source_is_a_device_fault_at_the_tagged_address_and_memory_is_untouched()
    {
        var rig = new DsaRig();
        ulong taggedSource = rig.Source | DsaRig.Tag;
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(taggedSource, rig.Destination, 4096, rig.RecordAddress(0)));

        Assert.Equal(CompletionStatus.PageFaultInvalidRequest, record.Code);
        Assert.False(record.IsWriteFault);
        Assert.Equal(taggedSource, record.FaultAddress);
        Assert.Equal(0u, record.BytesCompleted);
        Assert.Equal(new byte[4096], rig.Bytes(rig.Destination, 4096));

        // The CPU side keeps working with the very same tagged pointer: force changed the kernel checks, not the device.
        Assert.Equal(rig.Thread.Load<ulong>(rig.Source + 8), rig.Thread.Load<ulong>(taggedSource + 8));
    }

    [Fact]
    public void The_same_descriptor_with_untagged_addresses_succeeds()
    {
        var rig = new DsaRig();
        var source = TaggedPtr<byte>.FromBits(rig.Source | DsaRig.Tag);
        DsaCompletionRecord failed = rig.Submit(DsaDescriptor.Memmove(source.RawValue, rig.Destination, 512, rig.RecordAddress(0)), 0);
        DsaCompletionRecord fixedRecord = rig.Submit(DsaDescriptor.Memmove(DeviceAddress.From(source), rig.Destination, 512, rig.RecordAddress(1)), 1);
        Assert.Equal(CompletionStatus.PageFaultInvalidRequest, failed.Code);
        Assert.Equal(CompletionStatus.Success, fixedRecord.Code);
        Assert.Equal(rig.Bytes(rig.Source, 512), rig.Bytes(rig.Destination, 512));
    }

    [Fact]
    public void A_tagged_destination_is_a_write_fault()
    {
        var rig = new DsaRig();
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination | DsaRig.Tag, 64, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.PageFaultInvalidRequest, record.Code);
        Assert.True(record.IsWriteFault);
        Assert.Equal(rig.Destination | DsaRig.Tag, record.FaultAddress);
    }

    [Fact]
    public void A_tagged_completion_record_address_is_never_written_and_lands_in_the_software_error_log()
    {
        var rig = new DsaRig();
        rig.Portal.Enqcmd(rig.Thread, DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.RecordAddress(0) | DsaRig.Tag));
        Assert.Equal(CompletionStatus.None, rig.Record(0).Code);
        DsaSoftwareError error = Assert.Single(rig.Device.SoftwareErrors);
        Assert.Equal(CompletionStatus.CompletionRecordTranslation, error.Status);
        Assert.Equal(rig.RecordAddress(0) | DsaRig.Tag, error.Address);
        Assert.Equal(rig.Bytes(rig.Source, 64), rig.Bytes(rig.Destination, 64));
    }

    [Fact]
    public void A_fault_part_way_reports_the_bytes_completed()
    {
        var rig = new DsaRig();
        rig.Thread.Unmap(rig.Destination + 2 * 4096, 4096);
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source + 100, rig.Destination + 100, 3 * 4096, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.PageFaultInvalidRequest, record.Code);
        Assert.True(record.IsWriteFault);
        Assert.Equal(rig.Destination + 2 * 4096, record.FaultAddress);
        Assert.Equal(2u * 4096 - 100, record.BytesCompleted);
        Assert.Equal(0, record.Result);
    }

    [Fact]
    public void Without_block_on_fault_a_not_present_page_completes_partially_and_software_resumes()
    {
        var rig = new DsaRig(bufferFlags: MapFlags.None); // the rig wrote every source page; no destination page is present
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 8192, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.PageFault, record.Code);
        Assert.True(record.IsWriteFault);
        Assert.Equal(rig.Destination, record.FaultAddress);
        Assert.Equal(0u, record.BytesCompleted);

        // What accel-config's test does: touch the fault address from the CPU, resubmit the rest.
        rig.Thread.Store<byte>(record.FaultAddress, 0);
        DsaCompletionRecord second = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 8192, rig.RecordAddress(1)), 1);
        Assert.Equal(CompletionStatus.PageFault, second.Code);
        Assert.Equal(rig.Destination + 4096, second.FaultAddress);
        Assert.True(second.IsWriteFault);
        Assert.Equal(4096u, second.BytesCompleted);
        Assert.Equal(rig.Bytes(rig.Source, 4096), rig.Bytes(rig.Destination, 4096));
    }

    [Fact]
    public void With_block_on_fault_the_device_waits_for_the_page_and_completes()
    {
        var rig = new DsaRig(bufferFlags: MapFlags.None);
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 8192, rig.RecordAddress(0), DsaDescriptorFlags.BlockOnFault));
        Assert.Equal(CompletionStatus.Success, record.Code);
        Assert.Equal(rig.Bytes(rig.Source, 8192), rig.Bytes(rig.Destination, 8192));
    }

    [Fact]
    public void Block_on_fault_is_an_invalid_flag_on_a_queue_that_does_not_allow_it()
    {
        var rig = new DsaRig(DsaExecutionMode.Inline, MapFlags.Populate, new DsaWorkQueueOptions { BlockOnFault = false });
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.RecordAddress(0), DsaDescriptorFlags.BlockOnFault));
        Assert.Equal(CompletionStatus.InvalidFlags, record.Code);
        Assert.Equal((uint)DsaDescriptorFlags.BlockOnFault, record.InvalidFlags);
        Assert.Equal(new byte[64], rig.Bytes(rig.Destination, 64));
    }

    [Fact]
    public void A_misaligned_completion_record_is_a_software_error_and_nothing_is_written_anywhere()
    {
        var rig = new DsaRig();
        byte[] recordsBefore = rig.Bytes(rig.Records, 4096);
        rig.Portal.Enqcmd(rig.Thread, DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.Records + 8));
        Assert.Equal(recordsBefore, rig.Bytes(rig.Records, 4096));
        Assert.Equal(new byte[64], rig.Bytes(rig.Destination, 64));
        Assert.Equal(CompletionStatus.CompletionRecordAlignment, Assert.Single(rig.Device.SoftwareErrors).Status);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData((2u << 20) + 1)]
    public void An_out_of_range_transfer_size_is_0x13_and_writes_nothing(uint size)
    {
        var rig = new DsaRig();
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, size, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.TransferSizeOutOfRange, record.Code);
        Assert.Equal(new byte[4 * 4096], rig.Bytes(rig.Destination, 4 * 4096));
    }

    [Fact]
    public void An_unknown_opcode_is_0x10()
    {
        var rig = new DsaRig();
        var descriptor = DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.RecordAddress(0));
        descriptor.Opcode = (DsaOpcode)0x3F;
        Assert.Equal(CompletionStatus.BadOpcode, rig.Submit(descriptor).Code);
        Assert.Equal(new byte[64], rig.Bytes(rig.Destination, 64));
    }

    [Fact]
    public void Reserved_flags_are_0x11_with_the_offending_bits()
    {
        var rig = new DsaRig();
        var descriptor = DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.RecordAddress(0));
        descriptor.Flags |= (DsaDescriptorFlags)0x40_0040;
        DsaCompletionRecord record = rig.Submit(descriptor);
        Assert.Equal(CompletionStatus.InvalidFlags, record.Code);
        Assert.Equal(0x40_0040u, record.InvalidFlags);
    }

    [Fact]
    public void A_non_zero_reserved_field_is_0x12()
    {
        var rig = new DsaRig();
        var descriptor = DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.RecordAddress(0));
        descriptor.Reserved48 = 1;
        Assert.Equal(CompletionStatus.NonZeroReserved, rig.Submit(descriptor).Code);
    }

    [Fact]
    public void The_privileged_bit_through_a_dedicated_queue_is_0x1d()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        var dsa = new DsaDevice(kernel);
        using DsaPortal portal = dsa.WorkQueues[1].Open(t);
        ulong page = t.Map(4096, flags: MapFlags.Populate);
        var descriptor = DsaDescriptor.Memmove(page, page + 1024, 64, page + 2048);
        descriptor.Privileged = true;
        portal.Movdir64b(descriptor);
        Assert.Equal(CompletionStatus.PrivilegeNotPermitted, DsaCompletionRecord.Read(t, page + 2048).Code);
    }

    [Fact]
    public void Memfill_repeats_the_pattern_which_is_data_not_an_address()
    {
        var rig = new DsaRig();
        ulong pattern = 0x7E00_0000_DEAD_BEEF; // looks tagged, is data
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memfill(pattern, rig.Destination + 3, 4096 + 13, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.Success, record.Code);
        byte[] bytes = rig.Bytes(rig.Destination + 3, 4096 + 13);
        Assert.All(Enumerable.Range(0, bytes.Length), i => Assert.Equal((byte)(pattern >> (8 * (i % 8))), bytes[i]));
        Assert.Equal(0, rig.Thread.Load<byte>(rig.Destination + 2));
    }

    [Fact]
    public void Compare_reports_equality_and_the_offset_of_the_first_difference()
    {
        var rig = new DsaRig();
        rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 8192, rig.RecordAddress(0)));
        DsaCompletionRecord equal = rig.Submit(DsaDescriptor.Compare(rig.Source, rig.Destination, 8192, rig.RecordAddress(1)), 1);
        Assert.Equal(CompletionStatus.Success, equal.Code);
        Assert.Equal(0, equal.Result);
        rig.Thread.Store<byte>(rig.Destination + 5000, 0xAA);
        DsaCompletionRecord different = rig.Submit(DsaDescriptor.Compare(rig.Source, rig.Destination, 8192, rig.RecordAddress(2)), 2);
        Assert.Equal(1, different.Result);
        Assert.Equal(5000u, different.BytesCompleted);
    }

    [Fact]
    public void Compare_pattern_checks_a_filled_buffer()
    {
        var rig = new DsaRig();
        rig.Submit(DsaDescriptor.Memfill(0x0102030405060708, rig.Destination, 4096, rig.RecordAddress(0)));
        var compare = new DsaDescriptor
        {
            Opcode = DsaOpcode.ComparePattern,
            Flags = DsaDescriptorFlags.Completion,
            Source = rig.Destination,
            ComparePattern = 0x0102030405060708,
            TransferSize = 4096,
            CompletionAddress = rig.RecordAddress(1),
        };
        Assert.Equal(0, rig.Submit(compare, 1).Result);
    }

    [Fact]
    public void An_overlapping_memmove_copies_like_memmove()
    {
        var rig = new DsaRig();
        byte[] original = rig.Bytes(rig.Source, 6000);
        rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Source + 100, 6000, rig.RecordAddress(0)));
        Assert.Equal(original, rig.Bytes(rig.Source + 100, 6000));
    }

    [Fact]
    public void A_batch_runs_its_descriptors_and_reports_failures()
    {
        var rig = new DsaRig();
        ulong list = rig.Thread.Map(4096, flags: MapFlags.Populate);
        Store(rig, list, 0, DsaDescriptor.Memmove(rig.Source, rig.Destination, 100, rig.RecordAddress(1)));
        Store(rig, list, 1, DsaDescriptor.Memfill(0x11, rig.Destination + 4096, 100, rig.RecordAddress(2)));
        DsaCompletionRecord batch = rig.Submit(DsaDescriptor.Batch(list, 2, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.Success, batch.Code);
        Assert.Equal(2u, batch.DescriptorsCompleted);
        Assert.Equal(CompletionStatus.Success, rig.Record(1).Code);
        Assert.Equal(CompletionStatus.Success, rig.Record(2).Code);

        Store(rig, list, 1, DsaDescriptor.Memmove(rig.Source | DsaRig.Tag, rig.Destination, 100, rig.RecordAddress(4)));
        Store(rig, list, 2, WithFence(DsaDescriptor.Memfill(0x22, rig.Destination, 100, rig.RecordAddress(5))));
        DsaCompletionRecord failed = rig.Submit(DsaDescriptor.Batch(list, 3, rig.RecordAddress(3)), 3);
        Assert.Equal(CompletionStatus.BatchFail, failed.Code);
        Assert.Equal(2u, failed.DescriptorsCompleted);
        Assert.Equal(CompletionStatus.PageFaultInvalidRequest, rig.Record(4).Code);
        Assert.Equal(CompletionStatus.None, rig.Record(5).Code);
    }

    [Fact]
    public void Batch_checks_alignment_count_and_nesting()
    {
        var rig = new DsaRig();
        ulong list = rig.Thread.Map(4096, flags: MapFlags.Populate);
        Assert.Equal(CompletionStatus.DescriptorListAlignment, rig.Submit(DsaDescriptor.Batch(list + 32, 2, rig.RecordAddress(0))).Code);
        Assert.Equal(CompletionStatus.DescriptorCountOutOfRange, rig.Submit(DsaDescriptor.Batch(list, 1, rig.RecordAddress(1)), 1).Code);
        Assert.Equal(CompletionStatus.DescriptorCountOutOfRange, rig.Submit(DsaDescriptor.Batch(list, 33, rig.RecordAddress(2)), 2).Code);
        Store(rig, list, 0, DsaDescriptor.Batch(list, 2, rig.RecordAddress(4)));
        Store(rig, list, 1, DsaDescriptor.Memmove(rig.Source, rig.Destination, 8, rig.RecordAddress(5)));
        Assert.Equal(CompletionStatus.BatchFail, rig.Submit(DsaDescriptor.Batch(list, 2, rig.RecordAddress(3)), 3).Code);
        Assert.Equal(CompletionStatus.BadOpcode, rig.Record(4).Code);
        Assert.Equal(CompletionStatus.Success, rig.Record(5).Code);
        Assert.Equal(CompletionStatus.BatchPageFault, rig.Submit(DsaDescriptor.Batch(list | DsaRig.Tag, 2, rig.RecordAddress(6)), 6).Code);
    }

    [Fact]
    public void Enqcmd_returns_retry_when_the_shared_queue_is_full()
    {
        var rig = new DsaRig(DsaExecutionMode.Manual, MapFlags.Populate, new DsaWorkQueueOptions { Size = 2 });
        var descriptor = DsaDescriptor.Noop();
        Assert.Equal(EnqcmdResult.Accepted, rig.Portal.Enqcmd(rig.Thread, descriptor));
        Assert.Equal(EnqcmdResult.Accepted, rig.Portal.Enqcmd(rig.Thread, descriptor));
        Assert.Equal(EnqcmdResult.Retry, rig.Portal.Enqcmd(rig.Thread, descriptor));
        Assert.Equal(2, rig.Device.ProcessPending());
        Assert.Equal(EnqcmdResult.Accepted, rig.Portal.Enqcmd(rig.Thread, descriptor));
    }

    [Fact]
    public void Enqcmd_stamps_the_threads_pasid_and_needs_one()
    {
        var rig = new DsaRig(DsaExecutionMode.Manual);
        var descriptor = DsaDescriptor.Memmove(rig.Source, rig.Destination, 8, rig.RecordAddress(0));
        descriptor.Pasid = 0xABCDE; // ignored: ENQCMD uses IA32_PASID
        rig.Portal.Enqcmd(rig.Thread, descriptor);
        rig.Device.ProcessPending();
        Assert.Equal(CompletionStatus.Success, rig.Record(0).Code);

        SimThread child = rig.Thread.Fork().MainThread;
        Assert.Throws<GeneralProtectionFaultException>(() => rig.Portal.Enqcmd(child, descriptor));
    }

    [Fact]
    public void The_wrong_submission_instruction_is_refused()
    {
        var rig = new DsaRig();
        rig.Portal.Movdir64b(DsaDescriptor.Memmove(rig.Source, rig.Destination, 8, rig.RecordAddress(0)));
        Assert.Equal(CompletionStatus.None, rig.Record(0).Code);
        Assert.Contains("MOVDIR64B to a shared work queue", Assert.Single(rig.Device.SoftwareErrors).Description);

        using DsaPortal dedicated = rig.Device.WorkQueues[1].Open(rig.Thread);
        Assert.Equal(EnqcmdResult.Retry, dedicated.Enqcmd(rig.Thread, DsaDescriptor.Noop()));
        Assert.Equal(Errno.EBUSY, Assert.Throws<SyscallException>(() => rig.Device.WorkQueues[1].Open(rig.Thread)).Errno);
    }

    [Fact]
    public void Opening_a_queue_with_lam_on_and_no_force_is_the_selftests_ebusy()
    {
        var kernel = new Kernel();
        SimThread t = kernel.Spawn().MainThread;
        t.EnableTaggedAddresses(6);
        var dsa = new DsaDevice(kernel);
        var error = Assert.Throws<SyscallException>(() => dsa.WorkQueues[0].Open(t));
        Assert.Equal(Errno.EBUSY, error.Errno);
        Assert.False(t.AddressSpace.HasPasid);
        t.ForceTaggedSva();
        using DsaPortal portal = dsa.WorkQueues[0].Open(t);
        Assert.True(portal.IsOpen);
    }

    [Fact]
    public void A_device_access_after_munmap_faults()
    {
        var rig = new DsaRig();
        rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.RecordAddress(0)));
        rig.Thread.Unmap(rig.Source, 4096);
        DsaCompletionRecord record = rig.Submit(DsaDescriptor.Memmove(rig.Source, rig.Destination, 64, rig.RecordAddress(1)), 1);
        Assert.Equal(CompletionStatus.PageFaultInvalidRequest, record.Code);
        Assert.Equal(rig.Source, record.FaultAddress);
    }

    [Fact]
    public void A_closed_portal_refuses_submissions_and_the_pasid_stays()
    {
        var rig = new DsaRig();
        rig.Portal.Dispose();
        Assert.False(rig.Portal.IsOpen);
        Assert.Throws<ObjectDisposedException>(() => rig.Portal.Enqcmd(rig.Thread, DsaDescriptor.Noop()));
        Assert.True(rig.Thread.AddressSpace.HasPasid);
        Assert.Empty(rig.Device.Bindings);
    }

    [Fact]
    public void The_background_device_thread_completes_work()
    {
        var rig = new DsaRig(DsaExecutionMode.Background);
        for (int i = 0; i < 8; i++)
        {
            while (rig.Portal.Enqcmd(rig.Thread, DsaDescriptor.Memmove(rig.Source + (ulong)(i * 64), rig.Destination + (ulong)(i * 64), 64, rig.RecordAddress(i))) == EnqcmdResult.Retry)
            {
            }
        }

        rig.Device.WaitIdle();
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(CompletionStatus.Success, rig.Record(i).Code));
        Assert.Equal(rig.Bytes(rig.Source, 512), rig.Bytes(rig.Destination, 512));
        rig.Device.Dispose();
    }

    private static void Store(DsaRig rig, ulong list, int index, DsaDescriptor descriptor)
    {
        unsafe
        {
            rig.Thread.StoreBytes(list + (ulong)(index * DsaDescriptor.Size), new ReadOnlySpan<byte>(&descriptor, DsaDescriptor.Size));
        }
    }

    private static DsaDescriptor WithFence(DsaDescriptor descriptor)
    {
        descriptor.Flags |= DsaDescriptorFlags.Fence;
        return descriptor;
    }
}
