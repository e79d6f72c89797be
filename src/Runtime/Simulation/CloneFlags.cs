using System;

namespace TaggedPtr.Simulation;

/// <summary>The <c>clone()</c> flags the simulator models, with the kernel's values.</summary>
[Flags]
public enum CloneFlags
{
    /// <summary>A plain fork: the child gets a copy of the address space.</summary>
    None = 0,

    /// <summary><c>CLONE_VM</c>: share the address space. Without <see cref="Vfork"/> this sets <c>MM_CONTEXT_LOCK_LAM</c>.</summary>
    Vm = 0x100,

    /// <summary><c>CLONE_FS</c>.</summary>
    Fs = 0x200,

    /// <summary><c>CLONE_FILES</c>: share the file table.</summary>
    Files = 0x400,

    /// <summary><c>CLONE_SIGHAND</c> (requires <see cref="Vm"/>).</summary>
    Sighand = 0x800,

    /// <summary><c>CLONE_VFORK</c>: the vfork pattern; with <see cref="Vm"/> it does <i>not</i> lock LAM.</summary>
    Vfork = 0x4000,

    /// <summary><c>CLONE_THREAD</c>: same thread group (requires <see cref="Sighand"/>).</summary>
    Thread = 0x10000,

    /// <summary>What <c>pthread_create</c> passes (the parts modelled here).</summary>
    PthreadCreate = Vm | Fs | Files | Sighand | Thread,
}
