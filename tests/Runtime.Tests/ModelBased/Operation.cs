using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.ModelBased;

/// <summary>One step of a random program run against the simulator and the reference model.</summary>
public abstract record Operation;

/// <summary>mmap(MAP_FIXED) of <see cref="Count"/> pages at window page <see cref="Page"/>.</summary>
public sealed record MapOperation(int Page, int Count, Protection Protection) : Operation;

/// <summary>munmap, the address optionally tagged.</summary>
public sealed record UnmapOperation(int Page, int Count, bool Tagged) : Operation;

/// <summary>mprotect, the address optionally tagged.</summary>
public sealed record ProtectOperation(int Page, int Count, Protection Protection, bool Tagged) : Operation;

/// <summary>A CPU load or store of 8 bytes, the address optionally tagged.</summary>
public sealed record AccessOperation(int Page, int Slot, bool Write, bool Tagged, ulong Value) : Operation;

/// <summary>arch_prctl(ARCH_ENABLE_TAGGED_ADDR, bits).</summary>
public sealed record EnableOperation(int Bits) : Operation;

/// <summary>arch_prctl(ARCH_FORCE_TAGGED_SVA).</summary>
public sealed record ForceOperation : Operation;

/// <summary>Bind the device.</summary>
public sealed record BindOperation : Operation;

/// <summary>Undo one bind.</summary>
public sealed record UnbindOperation : Operation;

/// <summary>clone(CLONE_VM): a new thread.</summary>
public sealed record CloneOperation : Operation;

/// <summary>fork(), continuing in the child.</summary>
public sealed record ForkOperation : Operation;

/// <summary>execve().</summary>
public sealed record ExecOperation : Operation;
