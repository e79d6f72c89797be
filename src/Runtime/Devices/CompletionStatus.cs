namespace TaggedPtr.Devices;

/// <summary>
/// DSA completion status codes (bits 6:0 of the record's status byte; <c>DSA_COMP_*</c> in the uapi, meanings from
/// Intel's DML). Bit 7 of the byte is set when the faulting access was a write (<see cref="DsaCompletionRecord.IsWriteFault"/>).
/// </summary>
public enum CompletionStatus : byte
{
    /// <summary>Not yet written: software clears the status before submitting.</summary>
    None = 0x00,

    /// <summary>Success.</summary>
    Success = 0x01,

    /// <summary>Success with a false predicate.</summary>
    SuccessWithFalsePredicate = 0x02,

    /// <summary>Partial completion: page fault with block-on-fault off. <c>BytesCompleted</c> and <c>FaultAddress</c> are valid.</summary>
    PageFault = 0x03,

    /// <summary>
    /// Partial completion: the IOMMU answered the page request Invalid (no mapping, no permission, or a non-canonical
    /// address such as a LAM-tagged pointer). <c>BytesCompleted</c> and <c>FaultAddress</c> are valid.
    /// </summary>
    PageFaultInvalidRequest = 0x04,

    /// <summary>At least one descriptor of a batch did not succeed.</summary>
    BatchFail = 0x05,

    /// <summary>Page fault while reading a batch's descriptor list; <c>BytesCompleted</c> holds descriptors completed.</summary>
    BatchPageFault = 0x06,

    /// <summary>Unsupported operation code.</summary>
    BadOpcode = 0x10,

    /// <summary>Invalid or unsupported flags; see <c>InvalidFlags</c>.</summary>
    InvalidFlags = 0x11,

    /// <summary>A reserved field is not zero.</summary>
    NonZeroReserved = 0x12,

    /// <summary>Transfer size is 0 or above the work queue's maximum.</summary>
    TransferSizeOutOfRange = 0x13,

    /// <summary>Batch descriptor count is below 2 or above the work queue's maximum batch size.</summary>
    DescriptorCountOutOfRange = 0x14,

    /// <summary>The batch descriptor list is not 64-byte aligned.</summary>
    DescriptorListAlignment = 0x18,

    /// <summary>Page fault translating the completion record address: the record cannot be written (reported in the software error log).</summary>
    CompletionRecordTranslation = 0x1a,

    /// <summary>The completion record is not 32-byte aligned (reported in the software error log; no record is written).</summary>
    CompletionRecordAlignment = 0x1b,

    /// <summary>The privileged bit is set but privileged mode is not enabled.</summary>
    PrivilegeNotPermitted = 0x1d,
}
