using System;

namespace TaggedPtr.Devices;

/// <summary>DSA descriptor flags (<c>IDXD_OP_FLAG_*</c>), 24 bits.</summary>
[Flags]
public enum DsaDescriptorFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary><c>FENCE</c>: inside a batch, do not start until earlier descriptors completed successfully.</summary>
    Fence = 0x1,

    /// <summary><c>BOF</c>: block on fault: wait for the IOMMU to resolve a page fault instead of completing partially. The work queue must allow it.</summary>
    BlockOnFault = 0x2,

    /// <summary><c>CRAV</c>: <c>CompletionAddress</c> is valid.</summary>
    CompletionRecordAddressValid = 0x4,

    /// <summary><c>RCR</c>: write a completion record.</summary>
    RequestCompletionRecord = 0x8,

    /// <summary><c>RCI</c>: request a completion interrupt (accepted, no effect in the simulator).</summary>
    RequestCompletionInterrupt = 0x10,

    /// <summary><c>CC</c>: cache control (accepted, no effect).</summary>
    CacheControl = 0x100,

    /// <summary>What a typical user descriptor sets: <see cref="CompletionRecordAddressValid"/> | <see cref="RequestCompletionRecord"/>.</summary>
    Completion = CompletionRecordAddressValid | RequestCompletionRecord,
}
