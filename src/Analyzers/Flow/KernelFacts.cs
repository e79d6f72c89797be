using System;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>What is known about one address space at a program point.</summary>
[Flags]
internal enum KernelFacts : byte
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>A device was bound on every path (the address space has a PASID: it stays until exit or exec).</summary>
    Bound = 1,

    /// <summary>LAM was enabled on every path (MM_CONTEXT_LOCK_LAM is set).</summary>
    Enabled = 2,

    /// <summary>A thread sharing the address space was created on every path (MM_CONTEXT_LOCK_LAM is set).</summary>
    Threaded = 4,

    /// <summary>ARCH_FORCE_TAGGED_SVA was called on at least one path (sticky).</summary>
    Forced = 8,
}
