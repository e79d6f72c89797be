namespace TaggedPtr.Generator.Declarations;

/// <summary>Why a <c>[TaggedPointer]</c> declaration cannot be generated, before any bit is laid out.</summary>
internal enum DeclarationProblemKind
{
    /// <summary>The attributed type is a class or record class.</summary>
    NotAStruct = 0,

    /// <summary>The attributed struct is not <c>partial</c>.</summary>
    NotPartial = 1,

    /// <summary>A containing type is not <c>partial</c>.</summary>
    ContainingTypeNotPartial = 2,

    /// <summary>The struct is a <c>ref struct</c>.</summary>
    RefStruct = 3,

    /// <summary>The struct is file-local: the generated part cannot join it from another file.</summary>
    FileLocal = 4,

    /// <summary>More than one <c>[TaggedPointer]</c> attribute (either form) is applied.</summary>
    DuplicateAttribute = 5,

    /// <summary>An attribute's arguments could not be read (the compiler reports the error itself).</summary>
    InvalidAttribute = 6,

    /// <summary>The pointee is missing or not an unmanaged type.</summary>
    PointeeNotUnmanaged = 7,

    /// <summary>The pointee or a field type is less accessible than the wrapper's public members that expose it.</summary>
    LessAccessibleType = 8,

    /// <summary>The code is compiled as C# 7.3 or older; the generated code needs C# 8.</summary>
    LanguageVersionTooLow = 9,

    /// <summary>The generic attribute form is used below C# 11.</summary>
    GenericAttributeNeedsCSharp11 = 10,

    /// <summary>The struct declares a constructor or operator the generator also declares.</summary>
    MemberCollision = 11,

    /// <summary>The <c>Equality</c> argument is not a <c>TagEquality</c>.</summary>
    UnknownEquality = 12,

    /// <summary>
    /// The struct declares instance state of its own (a field, an auto-property, positional record parameters, a primary
    /// constructor): the wrapper must be exactly the one 64-bit value that compare-exchange swaps.
    /// </summary>
    InstanceState = 13,
}
