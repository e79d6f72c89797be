using Microsoft.CodeAnalysis;

namespace TaggedPtr.Generator.Declarations;

/// <summary>One reason a declaration cannot be generated, with the attribute it is about (for a diagnostic location).</summary>
internal sealed class DeclarationProblem
{
    /// <summary>A problem.</summary>
    public DeclarationProblem(DeclarationProblemKind kind, string message, AttributeData? attribute = null)
    {
        Kind = kind;
        Message = message;
        Attribute = attribute;
    }

    /// <summary>What is wrong.</summary>
    public DeclarationProblemKind Kind { get; }

    /// <summary>A complete sentence without a trailing period.</summary>
    public string Message { get; }

    /// <summary>The attribute the problem is about, or null when it is about the type itself.</summary>
    public AttributeData? Attribute { get; }

    /// <inheritdoc/>
    public override string ToString() => Kind + ": " + Message;
}
