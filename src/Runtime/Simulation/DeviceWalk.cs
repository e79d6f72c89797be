namespace TaggedPtr.Simulation;

/// <summary>What the IOMMU found when it walked the page tables for a device access.</summary>
internal enum DeviceWalk
{
    /// <summary>Mapped, permitted and present: the access proceeds.</summary>
    Present,

    /// <summary>Mapped and permitted but not present: a page request can resolve it.</summary>
    NotPresent,

    /// <summary>Not canonical for the paging mode (a tagged address): the page request is answered Invalid.</summary>
    NonCanonical,

    /// <summary>No VMA at the address: Invalid.</summary>
    NotMapped,

    /// <summary>The VMA does not allow the access: Invalid.</summary>
    AccessDenied,

    /// <summary>The address space is gone: Invalid.</summary>
    NoAddressSpace,
}
