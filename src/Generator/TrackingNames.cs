namespace TaggedPtr.Generator;

/// <summary>
/// Names of the generator's incremental steps (<c>WithTrackingName</c>), so tests can assert that an unrelated edit
/// leaves each step cached.
/// </summary>
public static class TrackingNames
{
    /// <summary>Declarations with <c>[TaggedPointer(typeof(T))]</c>, parsed into models (null when invalid).</summary>
    public const string Declarations = "TaggedPointerDeclarations";

    /// <summary>Declarations with <c>[TaggedPointer&lt;T&gt;]</c>, parsed into models (null when invalid).</summary>
    public const string GenericDeclarations = "GenericTaggedPointerDeclarations";

    /// <summary>The valid models of <see cref="Declarations"/>: one generated file each.</summary>
    public const string Wrappers = "TaggedPointerWrappers";

    /// <summary>The valid models of <see cref="GenericDeclarations"/>: one generated file each.</summary>
    public const string GenericWrappers = "GenericTaggedPointerWrappers";

    /// <summary>Whether the compilation allows unsafe code; without it nothing is generated (TPTR0018 says why).</summary>
    public const string AllowsUnsafeCode = "AllowsUnsafeCode";

    /// <summary>The hint names more than one wrapper maps to; those wrappers get <c>DistinctHintName</c>.</summary>
    public const string ClashingHintNames = "ClashingHintNames";
}
