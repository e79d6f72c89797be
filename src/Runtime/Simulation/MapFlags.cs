using System;

namespace TaggedPtr.Simulation;

/// <summary><c>mmap</c> flags, with the kernel's values. Mappings are always anonymous.</summary>
[Flags]
public enum MapFlags
{
    /// <summary>A private anonymous mapping (<c>MAP_PRIVATE | MAP_ANONYMOUS</c>).</summary>
    None = 0,

    /// <summary><c>MAP_SHARED</c>: a forked child shares the pages instead of copying them.</summary>
    Shared = 0x01,

    /// <summary><c>MAP_PRIVATE</c> (the default).</summary>
    Private = 0x02,

    /// <summary><c>MAP_FIXED</c>: map exactly at the address, replacing what is there.</summary>
    Fixed = 0x10,

    /// <summary><c>MAP_ANONYMOUS</c> (implied).</summary>
    Anonymous = 0x20,

    /// <summary><c>MAP_POPULATE</c>: make every page present now (devices then never take a page fault on it).</summary>
    Populate = 0x8000,

    /// <summary><c>MAP_FIXED_NOREPLACE</c>: like <see cref="Fixed"/> but fail with <c>-EEXIST</c> over a mapping.</summary>
    FixedNoReplace = 0x100000,
}
