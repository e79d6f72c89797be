namespace TaggedPtr.Analyzers;

/// <summary>
/// Keys and values of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>: the data a code fix needs, computed
/// once by the analyzer that knows it.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>TPTR0001/0002: how the value at the sink can be untagged (one of the <c>UntagFix*</c> values).</summary>
    public const string UntagFix = "UntagFix";

    /// <summary>Replace every <c>.RawValue</c> of a tagged pointer in the expression with <c>.Address</c>.</summary>
    public const string UntagFixRawValue = "RawValue";

    /// <summary>The expression is a tagged pointer: use its <c>.Untagged</c>.</summary>
    public const string UntagFixUntagged = "Untagged";

    /// <summary>The expression is an integer or pointer that may carry tag bits: mask them off.</summary>
    public const string UntagFixMask = "Mask";

    /// <summary>No mechanical fix.</summary>
    public const string UntagFixNone = "None";

    /// <summary>TPTR0001/0002: the bits that may hold a tag, 16 hexadecimal digits.</summary>
    public const string TagMask = "TagMask";

    /// <summary>TPTR0004/0005: the expression of a thread in the address space, to call <c>ForceTaggedSva()</c> on.</summary>
    public const string ForceTarget = "ForceTarget";

    /// <summary>
    /// TPTR0010: which declaration to make partial: 0 for the wrapper, 1 for its containing type, 2 for the next one out.
    /// </summary>
    public const string PartialDepth = "PartialDepth";

    /// <summary>TPTR0013/0014: the field to narrow or remove, by name.</summary>
    public const string FieldName = "FieldName";

    /// <summary>TPTR0013/0014: the width that makes the declaration fit, when narrowing can (absent otherwise).</summary>
    public const string FittingBits = "FittingBits";

    /// <summary>TPTR0013/0014: present ("true") when removing the field makes the rest fit.</summary>
    public const string RemovalFits = "RemovalFits";

    /// <summary>TPTR0020: the attribute's own name, fully qualified, to write in place of the alias.</summary>
    public const string AttributeName = "AttributeName";
}
