using System;
using System.Threading;
using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>
/// Executes DSA descriptors (sva-model.md §5.3): validate, translate every address field through the IOMMU with the
/// PASID and no untagging, move the bytes, and write the completion record with the status byte last.
/// </summary>
/// <remarks>
/// Work proceeds in chunks that stay inside one page of every operand. Each chunk first tries the binding's IOTLB with
/// the same lock-free protocol as a CPU access (<see cref="TranslationCache"/>); a miss takes the mmap read lock, asks the
/// IOMMU, and finishes the chunk under that lock, so an unmap can never free memory the device is copying.
/// Callers hold the device's engine lock: one descriptor at a time.
/// </remarks>
internal sealed unsafe class DsaEngine
{
    private const DsaDescriptorFlags SupportedFlags =
        DsaDescriptorFlags.Fence | DsaDescriptorFlags.BlockOnFault | DsaDescriptorFlags.CompletionRecordAddressValid |
        DsaDescriptorFlags.RequestCompletionRecord | DsaDescriptorFlags.RequestCompletionInterrupt | DsaDescriptorFlags.CacheControl;

    private readonly DsaDevice _device;

    public DsaEngine(DsaDevice device) => _device = device;

    // The PASID-table entry used last: consecutive descriptors nearly always come from the same address space.
    private SvaBinding? _lastBinding;

    /// <summary>Runs one submitted descriptor.</summary>
    public void Run(DsaWorkQueue queue, in DsaDescriptor descriptor, uint pasid)
    {
        SvaBinding? binding = _lastBinding;
        if (binding is null || binding.Pasid != pasid || !binding.IsBound)
        {
            binding = _device.FindByPasid(pasid);
            _lastBinding = binding;
        }

        if (binding is null)
        {
            // No PASID table entry: the IOMMU rejects every request, the completion record included.
            _device.LogSoftwareError(CompletionStatus.CompletionRecordTranslation, queue.Index, pasid, descriptor.CompletionAddress, "PASID is not bound to the device: nothing can be translated");
            _device.CountProcessed();
            return;
        }

        Execute(queue, binding, descriptor, inBatch: false);
    }

    private CompletionStatus Execute(DsaWorkQueue queue, SvaBinding binding, in DsaDescriptor descriptor, bool inBatch)
    {
        _device.CountProcessed();
        DsaDescriptorFlags flags = descriptor.Flags;
        bool wantsRecord = (flags & DsaDescriptorFlags.RequestCompletionRecord) != 0 && (flags & DsaDescriptorFlags.CompletionRecordAddressValid) != 0;
        if (wantsRecord && (descriptor.CompletionAddress & (DsaCompletionRecord.Size - 1)) != 0)
        {
            _device.LogSoftwareError(CompletionStatus.CompletionRecordAlignment, queue.Index, binding.Pasid, descriptor.CompletionAddress, "completion record address is not 32-byte aligned; no record written");
            return CompletionStatus.CompletionRecordAlignment;
        }

        var record = default(DsaCompletionRecord);
        CompletionStatus status = Validate(queue, descriptor, inBatch, ref record);
        if (status == CompletionStatus.None)
        {
            status = descriptor.Opcode switch
            {
                DsaOpcode.Memmove => Memmove(binding, descriptor, ref record),
                DsaOpcode.Memfill => Memfill(binding, descriptor, ref record),
                DsaOpcode.Compare or DsaOpcode.ComparePattern => Compare(binding, descriptor, ref record),
                DsaOpcode.Batch => Batch(queue, binding, descriptor, ref record),
                _ => CompletionStatus.Success, // No-op, and drain: this device completes descriptors in order.
            };
        }

        record.Status = (byte)((byte)status | (record.Status & 0x80));
        if (wantsRecord && !WriteRecord(binding, descriptor.CompletionAddress, record))
        {
            _device.LogSoftwareError(CompletionStatus.CompletionRecordTranslation, queue.Index, binding.Pasid, descriptor.CompletionAddress, "page fault translating the completion record address; the record was not written");
        }

        return status;
    }

    private static CompletionStatus Validate(DsaWorkQueue queue, in DsaDescriptor descriptor, bool inBatch, ref DsaCompletionRecord record)
    {
        DsaOpcode opcode = descriptor.Opcode;
        if (opcode > DsaOpcode.ComparePattern || (inBatch && opcode == DsaOpcode.Batch))
        {
            return CompletionStatus.BadOpcode;
        }

        DsaDescriptorFlags flags = descriptor.Flags;
        uint invalid = (uint)(flags & ~SupportedFlags);
        if ((flags & DsaDescriptorFlags.BlockOnFault) != 0 && (!queue.Options.BlockOnFault || opcode is DsaOpcode.Batch or DsaOpcode.Drain))
        {
            invalid |= (uint)DsaDescriptorFlags.BlockOnFault;
        }

        if ((flags & DsaDescriptorFlags.RequestCompletionRecord) != 0 && (flags & DsaDescriptorFlags.CompletionRecordAddressValid) == 0)
        {
            invalid |= (uint)DsaDescriptorFlags.RequestCompletionRecord;
        }

        if (invalid != 0)
        {
            record.InvalidFlags = invalid;
            return CompletionStatus.InvalidFlags;
        }

        if ((descriptor.PasidWord & 0x7FF0_0000) != 0 || descriptor.Reserved38 != 0 || descriptor.Reserved40 != 0 || descriptor.Reserved48 != 0 || descriptor.Reserved56 != 0)
        {
            return CompletionStatus.NonZeroReserved;
        }

        switch (opcode)
        {
            case DsaOpcode.Memmove or DsaOpcode.Memfill or DsaOpcode.Compare or DsaOpcode.ComparePattern
                when descriptor.TransferSize == 0 || descriptor.TransferSize > queue.Options.MaxTransferSize:
                return CompletionStatus.TransferSizeOutOfRange;
            case DsaOpcode.Batch when (descriptor.DescriptorList & (DsaDescriptor.Size - 1)) != 0:
                return CompletionStatus.DescriptorListAlignment;
            case DsaOpcode.Batch when descriptor.DescriptorCount < 2 || descriptor.DescriptorCount > queue.Options.MaxBatchSize:
                return CompletionStatus.DescriptorCountOutOfRange;
        }

        if (descriptor.Privileged && !queue.Options.Privileged)
        {
            return CompletionStatus.PrivilegeNotPermitted;
        }

        return CompletionStatus.None;
    }

    private static CompletionStatus Memmove(SvaBinding binding, in DsaDescriptor descriptor, ref DsaCompletionRecord record)
    {
        ulong source = descriptor.Source, destination = descriptor.Destination, size = descriptor.TransferSize;
        bool blockOnFault = (descriptor.Flags & DsaDescriptorFlags.BlockOnFault) != 0;

        // memmove semantics: copy backwards when the destination overlaps the end of the source.
        bool backward = destination > source && destination - source < size;
        ulong done = 0;
        while (done < size)
        {
            ulong chunk, sourceAt, destinationAt;
            if (backward)
            {
                ulong end = size - done;
                chunk = Math.Min(end, Math.Min(((source + end - 1) & Page.OffsetMask) + 1, ((destination + end - 1) & Page.OffsetMask) + 1));
                sourceAt = source + end - chunk;
                destinationAt = destination + end - chunk;
            }
            else
            {
                chunk = Math.Min(size - done, Math.Min(Page.Size - ((source + done) & Page.OffsetMask), Page.Size - ((destination + done) & Page.OffsetMask)));
                sourceAt = source + done;
                destinationAt = destination + done;
            }

            var operands = new Operands(sourceAt, AccessKind.Read, destinationAt, AccessKind.Write);
            CompletionStatus status = Acquire(binding, ref operands, chunk, blockOnFault, ref record);
            if (status != CompletionStatus.None)
            {
                record.BytesCompleted = (uint)done;
                record.Result = backward ? (byte)1 : (byte)0;
                return status;
            }

            Buffer.MemoryCopy(operands.FirstHost, operands.SecondHost, chunk, chunk);
            Release(binding, operands);
            done += chunk;
        }

        record.BytesCompleted = (uint)size;
        return CompletionStatus.Success;
    }

    private static CompletionStatus Memfill(SvaBinding binding, in DsaDescriptor descriptor, ref DsaCompletionRecord record)
    {
        ulong destination = descriptor.Destination, size = descriptor.TransferSize, pattern = descriptor.Pattern;
        bool blockOnFault = (descriptor.Flags & DsaDescriptorFlags.BlockOnFault) != 0;
        ulong done = 0;
        while (done < size)
        {
            ulong chunk = Math.Min(size - done, Page.Size - ((destination + done) & Page.OffsetMask));
            var operands = new Operands(destination + done, AccessKind.Write);
            CompletionStatus status = Acquire(binding, ref operands, chunk, blockOnFault, ref record);
            if (status != CompletionStatus.None)
            {
                record.BytesCompleted = (uint)done;
                return status;
            }

            for (ulong i = 0; i < chunk; i++)
            {
                operands.FirstHost[i] = PatternByte(pattern, done + i);
            }

            Release(binding, operands);
            done += chunk;
        }

        record.BytesCompleted = (uint)size;
        return CompletionStatus.Success;
    }

    private static CompletionStatus Compare(SvaBinding binding, in DsaDescriptor descriptor, ref DsaCompletionRecord record)
    {
        bool againstPattern = descriptor.Opcode == DsaOpcode.ComparePattern;
        ulong source = descriptor.Source, other = descriptor.Source2, size = descriptor.TransferSize, pattern = descriptor.ComparePattern;
        bool blockOnFault = (descriptor.Flags & DsaDescriptorFlags.BlockOnFault) != 0;
        ulong done = 0;
        while (done < size)
        {
            ulong chunk = Math.Min(size - done, Page.Size - ((source + done) & Page.OffsetMask));
            var operands = new Operands(source + done, AccessKind.Read);
            if (!againstPattern)
            {
                chunk = Math.Min(chunk, Page.Size - ((other + done) & Page.OffsetMask));
                operands = new Operands(source + done, AccessKind.Read, other + done, AccessKind.Read);
            }

            CompletionStatus status = Acquire(binding, ref operands, chunk, blockOnFault, ref record);
            if (status != CompletionStatus.None)
            {
                record.BytesCompleted = (uint)done;
                return status;
            }

            ulong difference = ulong.MaxValue;
            for (ulong i = 0; i < chunk; i++)
            {
                byte expected = againstPattern ? PatternByte(pattern, done + i) : operands.SecondHost[i];
                if (operands.FirstHost[i] != expected)
                {
                    difference = i;
                    break;
                }
            }

            Release(binding, operands);
            if (difference != ulong.MaxValue)
            {
                record.Result = 1;
                record.BytesCompleted = (uint)(done + difference);
                return CompletionStatus.Success;
            }

            done += chunk;
        }

        record.Result = 0;
        record.BytesCompleted = (uint)size;
        return CompletionStatus.Success;
    }

    private CompletionStatus Batch(DsaWorkQueue queue, SvaBinding binding, in DsaDescriptor descriptor, ref DsaCompletionRecord record)
    {
        uint completed = 0;
        bool failed = false;
        for (uint i = 0; i < descriptor.DescriptorCount; i++)
        {
            var item = default(DsaDescriptor);
            var operands = new Operands(descriptor.DescriptorList + (i * DsaDescriptor.Size), AccessKind.Read);
            var readFault = default(DsaCompletionRecord);
            if (Acquire(binding, ref operands, DsaDescriptor.Size, blockOnFault: false, ref readFault) != CompletionStatus.None)
            {
                record.BytesCompleted = completed;
                record.FaultAddress = readFault.FaultAddress;
                return CompletionStatus.BatchPageFault;
            }

            Buffer.MemoryCopy(operands.FirstHost, &item, DsaDescriptor.Size, DsaDescriptor.Size);
            Release(binding, operands);
            if ((item.Flags & DsaDescriptorFlags.Fence) != 0 && failed)
            {
                // A fence after a failure abandons the rest of the batch.
                break;
            }

            // Descriptors in a batch run with the batch's PASID, whatever their own field says.
            item.Pasid = binding.Pasid;
            if (Execute(queue, binding, item, inBatch: true) != CompletionStatus.Success)
            {
                failed = true;
            }

            completed++;
        }

        record.BytesCompleted = completed;
        return failed ? CompletionStatus.BatchFail : CompletionStatus.Success;
    }

    private static byte PatternByte(ulong pattern, ulong offset) => (byte)(pattern >> (int)((offset & 7) * 8));

    /// <summary>
    /// Translates the operands of one chunk (each inside a page) so the caller can touch their host bytes; on success the
    /// caller must call <see cref="Release"/>. On a fault nothing is held, and the fault status is returned with
    /// <see cref="DsaCompletionRecord.FaultAddress"/> (and the write bit) set in <paramref name="record"/>.
    /// </summary>
    /// <remarks>
    /// The IOTLB is tried first with its <see cref="TranslationCache.Active"/> flag raised (no lock); on a miss the mmap
    /// read lock is taken and kept until <see cref="Release"/>, so no unmap can free memory in between.
    /// </remarks>
    private static CompletionStatus Acquire(SvaBinding binding, ref Operands operands, ulong length, bool blockOnFault, ref DsaCompletionRecord record)
    {
        TranslationCache iotlb = binding.Iotlb;
        Volatile.Write(ref iotlb.Active, 1);
        operands.SecondHost = null;
        if (iotlb.TryTranslate(operands.First, (uint)length, operands.FirstAccess == AccessKind.Write, out operands.FirstHost) &&
            (operands.Count < 2 || iotlb.TryTranslate(operands.Second, (uint)length, operands.SecondAccess == AccessKind.Write, out operands.SecondHost)))
        {
            operands.Locked = false;
            return CompletionStatus.None;
        }

        Volatile.Write(ref iotlb.Active, 0);
        AddressSpace space = binding.AddressSpace;
        space.EnterRead();
        DeviceFault fault = binding.TranslateLocked(operands.First, operands.FirstAccess, blockOnFault, out operands.FirstHost);
        if (fault != DeviceFault.None)
        {
            space.ExitRead();
            return Fault(ref record, fault, operands.First, operands.FirstAccess == AccessKind.Write);
        }

        if (operands.Count == 2)
        {
            fault = binding.TranslateLocked(operands.Second, operands.SecondAccess, blockOnFault, out operands.SecondHost);
            if (fault != DeviceFault.None)
            {
                space.ExitRead();
                return Fault(ref record, fault, operands.Second, operands.SecondAccess == AccessKind.Write);
            }
        }

        operands.Locked = true;
        return CompletionStatus.None;
    }

    private static void Release(SvaBinding binding, in Operands operands)
    {
        if (operands.Locked)
        {
            binding.AddressSpace.ExitRead();
        }
        else
        {
            Volatile.Write(ref binding.Iotlb.Active, 0);
        }
    }

    private static CompletionStatus Fault(ref DsaCompletionRecord record, DeviceFault fault, ulong address, bool isWrite)
    {
        record.FaultAddress = address;
        if (isWrite)
        {
            record.Status |= 0x80;
        }

        return fault == DeviceFault.NotPresent ? CompletionStatus.PageFault : CompletionStatus.PageFaultInvalidRequest;
    }

    /// <summary>Writes the record: everything but the status byte first, the status byte last, as the hardware does.</summary>
    private static bool WriteRecord(SvaBinding binding, ulong address, DsaCompletionRecord record)
    {
        var operands = new Operands(address, AccessKind.Write);
        var ignored = default(DsaCompletionRecord);
        if (Acquire(binding, ref operands, DsaCompletionRecord.Size, blockOnFault: true, ref ignored) != CompletionStatus.None)
        {
            return false;
        }

        byte* target = operands.FirstHost;
        byte* source = (byte*)&record;
        Buffer.MemoryCopy(source + 1, target + 1, DsaCompletionRecord.Size - 1, DsaCompletionRecord.Size - 1);
        Volatile.Write(ref *target, record.Status);
        Release(binding, operands);
        return true;
    }
}
