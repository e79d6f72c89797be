using System;

namespace TaggedPtr;

/// <summary>
/// Declares, for the analyzers, that this code runs in a process that has asked for LAM and SVA to coexist
/// (<c>ARCH_FORCE_TAGGED_SVA</c>) and takes responsibility for untagging every address it hands to a device.
/// </summary>
/// <remarks>
/// <para>The declaration is compile-time only: it turns TPTR0001 (error) into TPTR0002 (information) in its scope,
/// because the kernel no longer refuses the combination, but the device still does not strip tags. It does not change
/// the kernel: the process must still call <c>SimThread.ForceTaggedSva()</c> before it enables LAM after a bind, or binds
/// after enabling LAM; otherwise the simulated kernel answers <c>-EINVAL</c>/<c>-EBUSY</c> with a message that says so,
/// and the analyzers warn about the missing call (TPTR0004, TPTR0005).</para>
/// <para>Valid on the assembly, a type, or a method.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false, AllowMultiple = false)]
public sealed class LamSvaCoexistenceAttribute : Attribute
{
}
