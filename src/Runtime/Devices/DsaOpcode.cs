namespace TaggedPtr.Devices;

/// <summary>DSA operation codes (<c>include/uapi/linux/idxd.h</c>). The simulated device executes the ones named here.</summary>
public enum DsaOpcode : byte
{
    /// <summary><c>DSA_OPCODE_NOOP</c>: completes with success.</summary>
    Noop = 0x00,

    /// <summary><c>DSA_OPCODE_BATCH</c>: runs <c>DescriptorCount</c> descriptors read from <c>DescriptorList</c>.</summary>
    Batch = 0x01,

    /// <summary><c>DSA_OPCODE_DRAIN</c>: completes once earlier descriptors have.</summary>
    Drain = 0x02,

    /// <summary><c>DSA_OPCODE_MEMMOVE</c>: copies <c>TransferSize</c> bytes from <c>Source</c> to <c>Destination</c> (overlap allowed).</summary>
    Memmove = 0x03,

    /// <summary><c>DSA_OPCODE_MEMFILL</c>: fills <c>Destination</c> with the 8-byte <c>Pattern</c>.</summary>
    Memfill = 0x04,

    /// <summary><c>DSA_OPCODE_COMPARE</c>: compares <c>Source</c> with <c>Source2</c>; result 0 = equal, 1 = different.</summary>
    Compare = 0x05,

    /// <summary><c>DSA_OPCODE_COMPVAL</c>: compares <c>Source</c> with the 8-byte <c>ComparePattern</c>.</summary>
    ComparePattern = 0x06,
}
