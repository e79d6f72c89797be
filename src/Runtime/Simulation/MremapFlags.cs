using System;

namespace TaggedPtr.Simulation;

/// <summary><c>mremap</c> flags, with the kernel's values.</summary>
[Flags]
public enum MremapFlags
{
    /// <summary>Resize in place only.</summary>
    None = 0,

    /// <summary><c>MREMAP_MAYMOVE</c>.</summary>
    MayMove = 1,

    /// <summary><c>MREMAP_FIXED</c>: move to the new address, which is used verbatim (never untagged).</summary>
    Fixed = 2,
}
