using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers;

/// <summary>
/// The one catalog of TaggedPtr diagnostics. Every descriptor links to <c>docs/rules/&lt;ID&gt;.md</c>; severities are
/// defaults that <c>.editorconfig</c> can change (<c>dotnet_diagnostic.TPTR0001.severity = warning</c>).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string SvaCategory = "TaggedPtr.Sva";
    private const string TagCategory = "TaggedPtr.Tags";
    private const string KernelCategory = "TaggedPtr.Kernel";
    private const string MemoryCategory = "TaggedPtr.Memory";
    private const string WrapperCategory = "TaggedPtr.Generator";

    /// <summary>TPTR0001: a tagged value reaches an SVA-bound sink; coexistence is not declared.</summary>
    public static readonly DiagnosticDescriptor TaggedValueToDevice = new(
        DiagnosticIds.TaggedValueToDevice,
        "Tagged pointer reaches a device",
        "Tagged value reaches SVA-bound {0} '{1}'. Devices do not strip LAM tags, so the device faults on this address; pass the untagged address, or declare LAM/SVA coexistence if this process really forces it.",
        SvaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A device bound through IOMMU Shared Virtual Addressing walks the process page tables with the raw 64-bit value it is given. It never applies the CPU's LAM untag mask, so a tagged address is a non-canonical address on the device side: a translation fault, not a memory access.",
        helpLinkUri: HelpLink(DiagnosticIds.TaggedValueToDevice));

    /// <summary>TPTR0002: the same flow where coexistence is declared.</summary>
    public static readonly DiagnosticDescriptor TaggedValueToDeviceUnderCoexistence = new(
        DiagnosticIds.TaggedValueToDeviceUnderCoexistence,
        "Tagged pointer reaches a device under declared LAM/SVA coexistence",
        "Tagged value reaches SVA-bound {0} '{1}'. LAM/SVA coexistence is declared, so the kernel allows it, but the device still does not strip tags; pass the untagged address.",
        SvaCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "ARCH_FORCE_TAGGED_SVA lifts the kernel's refusal to combine LAM and SVA; it is the process's promise to untag every address it gives a device. It does not make devices untag, so the hazard stays.",
        helpLinkUri: HelpLink(DiagnosticIds.TaggedValueToDeviceUnderCoexistence));

    /// <summary>TPTR0003: a constant tag or an enum member that does not fit its field or scheme.</summary>
    public static readonly DiagnosticDescriptor TagOutOfRange = new(
        DiagnosticIds.TagOutOfRange,
        "Tag value does not fit its field",
        "{0}",
        TagCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Tags are never truncated: a value wider than its field throws ArgumentOutOfRangeException at run time. A constant that cannot fit is reported at build time instead.",
        helpLinkUri: HelpLink(DiagnosticIds.TagOutOfRange));

    /// <summary>TPTR0004: enabling LAM after a bind without force.</summary>
    public static readonly DiagnosticDescriptor EnableAfterBind = new(
        DiagnosticIds.EnableAfterBind,
        "LAM enabled after a device bind without ARCH_FORCE_TAGGED_SVA",
        "'{0}' enables LAM after '{1}' bound a device to the same address space and ARCH_FORCE_TAGGED_SVA was not called first: the kernel answers -EINVAL (the PASID stays allocated even after unbind)",
        KernelCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "prctl_enable_tagged_addr() refuses an address space that has a PASID unless MM_CONTEXT_FORCE_TAGGED_SVA is set: mm_valid_pasid(mm) && !force gives -EINVAL. The PASID is freed only when the address space exits or execs.",
        helpLinkUri: HelpLink(DiagnosticIds.EnableAfterBind));

    /// <summary>TPTR0005: binding after enabling LAM without force.</summary>
    public static readonly DiagnosticDescriptor BindAfterEnable = new(
        DiagnosticIds.BindAfterEnable,
        "Device bound after enabling LAM without ARCH_FORCE_TAGGED_SVA",
        "'{0}' binds a device to an address space where '{1}' enabled LAM and ARCH_FORCE_TAGGED_SVA was not called: the kernel answers -EBUSY",
        KernelCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "iommu_sva_bind_device() checks arch_pgtable_dma_compat(mm): with LAM on and force off the bind fails with -EBUSY (the selftest prints 'open: Device or resource busy').",
        helpLinkUri: HelpLink(DiagnosticIds.BindAfterEnable));

    /// <summary>TPTR0006: enabling LAM when it is locked.</summary>
    public static readonly DiagnosticDescriptor EnableWhenLocked = new(
        DiagnosticIds.EnableWhenLocked,
        "LAM enabled after it was locked",
        "'{0}' enables LAM after {1}: MM_CONTEXT_LOCK_LAM is set and the kernel answers -EBUSY",
        KernelCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "MM_CONTEXT_LOCK_LAM is set on the address space by the first successful enable and by every clone that shares it without CLONE_VFORK (pthread_create). It is never cleared; only exec gives a fresh address space.",
        helpLinkUri: HelpLink(DiagnosticIds.EnableWhenLocked));

    /// <summary>TPTR0007: a constant nr_bits of 0 or above LAM_U57_BITS.</summary>
    public static readonly DiagnosticDescriptor InvalidTagBitCount = new(
        DiagnosticIds.InvalidTagBitCount,
        "Tag-bit count the kernel rejects",
        "ARCH_ENABLE_TAGGED_ADDR with nr_bits = {0}: the kernel accepts 1 to 6 (LAM_U57_BITS) and answers -EINVAL",
        KernelCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "prctl_enable_tagged_addr() rejects !nr_bits || nr_bits > LAM_U57_BITS with -EINVAL; every value from 1 to 6 selects LAM_U57.",
        helpLinkUri: HelpLink(DiagnosticIds.InvalidTagBitCount));

    /// <summary>TPTR0008: raw tagged bits dereferenced.</summary>
    public static readonly DiagnosticDescriptor RawBitsDereferenced = new(
        DiagnosticIds.RawBitsDereferenced,
        "Raw bits of a tagged pointer dereferenced",
        "'{0}' dereferences the raw bits of a tagged pointer. Without LAM in this address space the CPU raises #GP on the non-canonical address; use the untagged pointer (Pointer, Target or Address).",
        MemoryCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Only a CPU running with LAM enabled for the address space ignores the tag bits; everywhere else (LAM off, another process, the host CLR) a tagged address is non-canonical and faults.",
        helpLinkUri: HelpLink(DiagnosticIds.RawBitsDereferenced));

    /// <summary>TPTR0009: ignored raw arch_prctl result.</summary>
    public static readonly DiagnosticDescriptor ArchPrctlResultIgnored = new(
        DiagnosticIds.ArchPrctlResultIgnored,
        "Result of a raw arch_prctl call ignored",
        "The result of '{0}' is ignored; it returns 0 or -errno (EINVAL, EBUSY, ENODEV, EINTR, EFAULT), so a failure goes unnoticed",
        KernelCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The raw system-call form reports failure only through its return value. Check it, use the typed call that throws (EnableTaggedAddresses, ForceTaggedSva), or discard it explicitly with '_ ='.",
        helpLinkUri: HelpLink(DiagnosticIds.ArchPrctlResultIgnored));

    /// <summary>TPTR0010: wrapper or containing type not partial.</summary>
    public static readonly DiagnosticDescriptor WrapperNotPartial = new(
        DiagnosticIds.WrapperNotPartial,
        "Tagged-pointer wrapper must be partial",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.WrapperNotPartial));

    /// <summary>TPTR0011: wrapper not a struct.</summary>
    public static readonly DiagnosticDescriptor WrapperNotStruct = new(
        DiagnosticIds.WrapperNotStruct,
        "Tagged-pointer wrapper must be a struct",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.WrapperNotStruct));

    /// <summary>TPTR0012: pointee not unmanaged.</summary>
    public static readonly DiagnosticDescriptor PointeeNotUnmanaged = new(
        DiagnosticIds.PointeeNotUnmanaged,
        "Pointee must be an unmanaged type",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.PointeeNotUnmanaged));

    /// <summary>TPTR0013: high fields over the scheme budget.</summary>
    public static readonly DiagnosticDescriptor HighFieldsOverBudget = new(
        DiagnosticIds.HighFieldsOverBudget,
        "Tag fields exceed the scheme's bits",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "High tag fields live in the bits the pointer scheme leaves to tags: 6 in LAM_U57 (62:57), 15 in LAM_U48 (62:48), 8 in arm64 TBI (63:56), none for TagScheme.None.",
        helpLinkUri: HelpLink(DiagnosticIds.HighFieldsOverBudget));

    /// <summary>TPTR0014: low fields over the pointee alignment.</summary>
    public static readonly DiagnosticDescriptor LowFieldsOverAlignment = new(
        DiagnosticIds.LowFieldsOverAlignment,
        "Low tag fields exceed the pointee's alignment",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Low tag fields use the bits that every aligned pointer has as zero: log2 of the alignment. Declare a larger guaranteed alignment with TaggedPointer(Alignment = ...) only if every pointer really has it.",
        helpLinkUri: HelpLink(DiagnosticIds.LowFieldsOverAlignment));

    /// <summary>TPTR0015: fields overlap or are duplicated.</summary>
    public static readonly DiagnosticDescriptor FieldsOverlap = new(
        DiagnosticIds.FieldsOverlap,
        "Tag fields overlap or share a name",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.FieldsOverlap));

    /// <summary>TPTR0016: field name collides with a generated member.</summary>
    public static readonly DiagnosticDescriptor FieldNameCollides = new(
        DiagnosticIds.FieldNameCollides,
        "Tag field name collides with a member",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.FieldNameCollides));

    /// <summary>TPTR0017: language version too old.</summary>
    public static readonly DiagnosticDescriptor UnsupportedLanguageVersion = new(
        DiagnosticIds.UnsupportedLanguageVersion,
        "C# version too old for the tagged-pointer wrapper",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.UnsupportedLanguageVersion));

    /// <summary>TPTR0018: unsafe code not allowed.</summary>
    public static readonly DiagnosticDescriptor UnsafeCodeNotAllowed = new(
        DiagnosticIds.UnsafeCodeNotAllowed,
        "Tagged-pointer wrappers need unsafe code",
        "'{0}' needs unsafe code (pointer members); set <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the project",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.UnsafeCodeNotAllowed));

    /// <summary>TPTR0019: a field or attribute argument the generator cannot use.</summary>
    public static readonly DiagnosticDescriptor InvalidFieldDeclaration = new(
        DiagnosticIds.InvalidFieldDeclaration,
        "Tagged-pointer declaration the generator cannot use",
        "{0}",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(DiagnosticIds.InvalidFieldDeclaration));

    /// <summary>TPTR0020: a valid wrapper the generator never saw, because its attribute is a repeated alias.</summary>
    public static readonly DiagnosticDescriptor WrapperNotSeenByGenerator = new(
        DiagnosticIds.WrapperNotSeenByGenerator,
        "Wrapper declaration the generator cannot see",
        "No code was generated for '{0}': the compiler's search for [TaggedPointer] finds only the first use of the alias '{1}' in a file; write the attribute's own name here",
        WrapperCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Generators find attributed declarations through Roslyn's ForAttributeWithMetadataName, which matches attribute names in the syntax before it binds anything. When an attribute is written through a using alias (using TP = TaggedPtr.TaggedPointerAttribute), that search remembers the alias after its first match in a file and skips every later use of it in the same file, so those declarations get no generated code and fail to compile where their members are used. Writing [TaggedPointer] (or moving the declaration to a file of its own) avoids it.",
        helpLinkUri: HelpLink(DiagnosticIds.WrapperNotSeenByGenerator));

    private static string HelpLink(string id) => "https://github.com/taggedptr/taggedptr/blob/main/docs/rules/" + id + ".md";
}
