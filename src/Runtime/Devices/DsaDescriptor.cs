using System.Runtime.InteropServices;

namespace TaggedPtr.Devices;

/// <summary>
/// A 64-byte DSA work descriptor (<c>struct dsa_hw_desc</c>). Its address fields are virtual addresses the device
/// translates through SVA with the PASID, exactly as given: a LAM tag in any of them is a device-side translation fault.
/// They are marked <see cref="SvaBoundAttribute"/>, so the analyzers report a tagged pointer stored into one.
/// </summary>
/// <remarks>
/// <code>
/// bytes  0–3   pasid:20, reserved:11, priv:1   (ENQCMD overwrites the PASID from the thread's IA32_PASID)
/// bytes  4–7   flags:24, opcode:8
/// bytes  8–15  completion record address       [SvaBound]
/// bytes 16–23  source | pattern | descriptor list   (pattern is data)
/// bytes 24–31  destination | source 2 | compare pattern   (compare pattern is data)
/// bytes 32–35  transfer size | descriptor count
/// bytes 36–37  interrupt handle; 38–39 reserved; 40–63 operation specific (reserved for the operations here)
/// </code>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 64)]
public struct DsaDescriptor
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 64;

    /// <summary>PASID (bits 19:0), reserved bits and the privileged bit (31).</summary>
    [FieldOffset(0)]
    public uint PasidWord;

    /// <summary>Flags (bits 23:0) and opcode (bits 31:24).</summary>
    [FieldOffset(4)]
    public uint FlagsAndOpcode;

    /// <summary>Virtual address of the 32-byte completion record (32-byte aligned).</summary>
    [FieldOffset(8)]
    [SvaBound]
    public ulong CompletionAddress;

    /// <summary>Source virtual address (memmove, compare).</summary>
    [FieldOffset(16)]
    [SvaBound]
    public ulong Source;

    /// <summary>The 8-byte fill pattern (memfill): data, not an address.</summary>
    [FieldOffset(16)]
    public ulong Pattern;

    /// <summary>Virtual address of a batch's descriptor array (64-byte aligned).</summary>
    [FieldOffset(16)]
    [SvaBound]
    public ulong DescriptorList;

    /// <summary>Destination virtual address (memmove, memfill).</summary>
    [FieldOffset(24)]
    [SvaBound]
    public ulong Destination;

    /// <summary>Second source virtual address (compare).</summary>
    [FieldOffset(24)]
    [SvaBound]
    public ulong Source2;

    /// <summary>The 8-byte pattern of compare-pattern: data, not an address.</summary>
    [FieldOffset(24)]
    public ulong ComparePattern;

    /// <summary>Bytes to process.</summary>
    [FieldOffset(32)]
    public uint TransferSize;

    /// <summary>Descriptors in a batch.</summary>
    [FieldOffset(32)]
    public uint DescriptorCount;

    /// <summary>Completion interrupt handle.</summary>
    [FieldOffset(36)]
    public ushort InterruptHandle;

    /// <summary>Reserved: must be zero.</summary>
    [FieldOffset(38)]
    public ushort Reserved38;

    /// <summary>Operation-specific bytes 40–47; reserved (zero) for the operations simulated.</summary>
    [FieldOffset(40)]
    public ulong Reserved40;

    /// <summary>Operation-specific bytes 48–55; reserved.</summary>
    [FieldOffset(48)]
    public ulong Reserved48;

    /// <summary>Operation-specific bytes 56–63; reserved.</summary>
    [FieldOffset(56)]
    public ulong Reserved56;

    /// <summary>The operation.</summary>
    public DsaOpcode Opcode
    {
        readonly get => (DsaOpcode)(FlagsAndOpcode >> 24);
        set => FlagsAndOpcode = (FlagsAndOpcode & 0x00FF_FFFF) | ((uint)value << 24);
    }

    /// <summary>The flags (24 bits).</summary>
    public DsaDescriptorFlags Flags
    {
        readonly get => (DsaDescriptorFlags)(FlagsAndOpcode & 0x00FF_FFFF);
        set => FlagsAndOpcode = (FlagsAndOpcode & 0xFF00_0000) | ((uint)value & 0x00FF_FFFF);
    }

    /// <summary>The PASID field (20 bits).</summary>
    public uint Pasid
    {
        readonly get => PasidWord & 0xF_FFFF;
        set => PasidWord = (PasidWord & ~0xF_FFFFu) | (value & 0xF_FFFF);
    }

    /// <summary>The privileged bit.</summary>
    public bool Privileged
    {
        readonly get => (PasidWord & 0x8000_0000) != 0;
        set => PasidWord = value ? PasidWord | 0x8000_0000 : PasidWord & 0x7FFF_FFFF;
    }

    /// <summary>A no-op descriptor without a completion record (useful to probe a queue).</summary>
    public static DsaDescriptor Noop() => new() { Opcode = DsaOpcode.Noop };

    /// <summary>A memmove descriptor requesting a completion record.</summary>
    /// <param name="source">Untagged source address.</param>
    /// <param name="destination">Untagged destination address.</param>
    /// <param name="size">Bytes to copy.</param>
    /// <param name="completionRecord">Untagged, 32-byte aligned address of the completion record.</param>
    /// <param name="flags">Flags; a completion record is always requested.</param>
    public static DsaDescriptor Memmove([SvaBound] ulong source, [SvaBound] ulong destination, uint size, [SvaBound] ulong completionRecord, DsaDescriptorFlags flags = DsaDescriptorFlags.None) =>
        new() { Opcode = DsaOpcode.Memmove, Flags = flags | DsaDescriptorFlags.Completion, Source = source, Destination = destination, TransferSize = size, CompletionAddress = completionRecord };

    /// <summary>A memfill descriptor: <paramref name="pattern"/> (data) repeated over <paramref name="size"/> bytes.</summary>
    public static DsaDescriptor Memfill(ulong pattern, [SvaBound] ulong destination, uint size, [SvaBound] ulong completionRecord, DsaDescriptorFlags flags = DsaDescriptorFlags.None) =>
        new() { Opcode = DsaOpcode.Memfill, Flags = flags | DsaDescriptorFlags.Completion, Pattern = pattern, Destination = destination, TransferSize = size, CompletionAddress = completionRecord };

    /// <summary>A compare descriptor: result 0 when the two ranges are equal, 1 (with the offset of the first difference) otherwise.</summary>
    public static DsaDescriptor Compare([SvaBound] ulong source, [SvaBound] ulong source2, uint size, [SvaBound] ulong completionRecord, DsaDescriptorFlags flags = DsaDescriptorFlags.None) =>
        new() { Opcode = DsaOpcode.Compare, Flags = flags | DsaDescriptorFlags.Completion, Source = source, Source2 = source2, TransferSize = size, CompletionAddress = completionRecord };

    /// <summary>A batch descriptor over <paramref name="count"/> descriptors stored at <paramref name="descriptorList"/>.</summary>
    public static DsaDescriptor Batch([SvaBound] ulong descriptorList, uint count, [SvaBound] ulong completionRecord, DsaDescriptorFlags flags = DsaDescriptorFlags.None) =>
        new() { Opcode = DsaOpcode.Batch, Flags = flags | DsaDescriptorFlags.Completion, DescriptorList = descriptorList, DescriptorCount = count, CompletionAddress = completionRecord };
}
