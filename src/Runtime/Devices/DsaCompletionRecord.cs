using System;
using System.Runtime.InteropServices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Devices;

/// <summary>
/// A 32-byte DSA completion record (<c>struct dsa_completion_record</c>), written by the device into simulated memory
/// with the status byte last.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public struct DsaCompletionRecord
{
    /// <summary>Size in bytes; the record must be 32-byte aligned.</summary>
    public const int Size = 32;

    /// <summary>Status byte: code in bits 6:0, write-fault flag in bit 7.</summary>
    [FieldOffset(0)]
    public byte Status;

    /// <summary>Operation result (compare: 0 equal, 1 different; memmove page fault: direction, 0 = forward).</summary>
    [FieldOffset(1)]
    public byte Result;

    /// <summary>Bytes completed (or descriptors completed, for a batch).</summary>
    [FieldOffset(4)]
    public uint BytesCompleted;

    /// <summary>The faulting address, exactly as the device used it (tag included).</summary>
    [FieldOffset(8)]
    public ulong FaultAddress;

    /// <summary>For <see cref="CompletionStatus.InvalidFlags"/>: the offending flag bits.</summary>
    [FieldOffset(16)]
    public uint InvalidFlags;

    /// <summary>The status code.</summary>
    public readonly CompletionStatus Code => (CompletionStatus)(Status & 0x7F);

    /// <summary>True when the faulting access was a write.</summary>
    public readonly bool IsWriteFault => (Status & 0x80) != 0;

    /// <summary>Descriptors completed, for a batch (the same field as <see cref="BytesCompleted"/>).</summary>
    public readonly uint DescriptorsCompleted => BytesCompleted;

    /// <summary>Reads a record from simulated memory through <paramref name="thread"/> (the CPU side; tags follow the LAM mode).</summary>
    public static DsaCompletionRecord Read(SimThread thread, ulong address)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return thread.Load<DsaCompletionRecord>(address);
    }

    /// <inheritdoc/>
    public override readonly string ToString() => Code switch
    {
        CompletionStatus.PageFault or CompletionStatus.PageFaultInvalidRequest =>
            $"{Code}{(IsWriteFault ? " (write)" : string.Empty)} at 0x{FaultAddress:X16} after {BytesCompleted} bytes",
        CompletionStatus.InvalidFlags => $"{Code} 0x{InvalidFlags:X}",
        _ => $"{Code} result={Result} bytes={BytesCompleted}",
    };
}
