using System;

namespace TaggedPtr;

/// <summary>
/// Marks a parameter, field or property whose value a device will use as a virtual address through IOMMU SVA
/// (a descriptor address field, a DMA submission argument). Devices do not strip LAM tags, so a tagged value here is a
/// device-side translation fault: the analyzers report a tagged pointer that flows into it (TPTR0001).
/// </summary>
/// <remarks>Put it on your own device-facing APIs too; the runtime's device model uses it on every address it takes.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class SvaBoundAttribute : Attribute
{
}
