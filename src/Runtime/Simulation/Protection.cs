using System;

namespace TaggedPtr.Simulation;

/// <summary>Page protection, with the kernel's <c>PROT_*</c> values.</summary>
[Flags]
public enum Protection
{
    /// <summary><c>PROT_NONE</c>: no access.</summary>
    None = 0,

    /// <summary><c>PROT_READ</c>.</summary>
    Read = 1,

    /// <summary><c>PROT_WRITE</c>. x86 page tables cannot express write-only, so a writable page is also readable.</summary>
    Write = 2,

    /// <summary><c>PROT_EXEC</c>.</summary>
    Execute = 4,

    /// <summary><c>PROT_READ | PROT_WRITE</c>.</summary>
    ReadWrite = Read | Write,
}
