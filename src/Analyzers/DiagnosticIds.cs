namespace TaggedPtr.Analyzers;

/// <summary>
/// The stable identifiers of every TaggedPtr rule. Published in <c>docs/rules/</c> and in the release tracking files;
/// an identifier is never reused for another meaning.
/// </summary>
internal static class DiagnosticIds
{
    /// <summary>A tagged value reaches an <c>[SvaBound]</c> sink and coexistence is not declared.</summary>
    public const string TaggedValueToDevice = "TPTR0001";

    /// <summary>A tagged value reaches an <c>[SvaBound]</c> sink under a coexistence declaration.</summary>
    public const string TaggedValueToDeviceUnderCoexistence = "TPTR0002";

    /// <summary>A constant tag does not fit its field or scheme.</summary>
    public const string TagOutOfRange = "TPTR0003";

    /// <summary>LAM enabled after a device bind without an earlier force: EINVAL.</summary>
    public const string EnableAfterBind = "TPTR0004";

    /// <summary>A device bind after enabling LAM without force: EBUSY.</summary>
    public const string BindAfterEnable = "TPTR0005";

    /// <summary>LAM enabled after creating a thread, or twice: EBUSY.</summary>
    public const string EnableWhenLocked = "TPTR0006";

    /// <summary>A constant tag-bit count the kernel rejects: EINVAL.</summary>
    public const string InvalidTagBitCount = "TPTR0007";

    /// <summary>The raw bits of a tagged pointer are dereferenced.</summary>
    public const string RawBitsDereferenced = "TPTR0008";

    /// <summary>The <c>-errno</c> of a raw <c>arch_prctl</c> call is ignored.</summary>
    public const string ArchPrctlResultIgnored = "TPTR0009";

    /// <summary>A wrapper, or one of its containing types, is not partial.</summary>
    public const string WrapperNotPartial = "TPTR0010";

    /// <summary>A wrapper is not a struct.</summary>
    public const string WrapperNotStruct = "TPTR0011";

    /// <summary>A wrapper's pointee is not an unmanaged type.</summary>
    public const string PointeeNotUnmanaged = "TPTR0012";

    /// <summary>High tag fields need more bits than the scheme has.</summary>
    public const string HighFieldsOverBudget = "TPTR0013";

    /// <summary>Low tag fields need more bits than the pointee's alignment leaves free.</summary>
    public const string LowFieldsOverAlignment = "TPTR0014";

    /// <summary>Two tag fields overlap or share a name.</summary>
    public const string FieldsOverlap = "TPTR0015";

    /// <summary>A tag field's name collides with a generated member.</summary>
    public const string FieldNameCollides = "TPTR0016";

    /// <summary>The project's C# version cannot compile the wrapper.</summary>
    public const string UnsupportedLanguageVersion = "TPTR0017";

    /// <summary>The project does not allow unsafe code, which every wrapper needs.</summary>
    public const string UnsafeCodeNotAllowed = "TPTR0018";

    /// <summary>A tag field or wrapper attribute argument the generator cannot use.</summary>
    public const string InvalidFieldDeclaration = "TPTR0019";

    /// <summary>A valid wrapper the generator never saw: a second use of one alias in a file.</summary>
    public const string WrapperNotSeenByGenerator = "TPTR0020";
}
