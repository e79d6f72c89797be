using Microsoft.CodeAnalysis;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Generator.Declarations;

/// <summary>A <c>[TagField]</c> or <c>[LowTagField]</c> as read from its attribute.</summary>
internal sealed class DeclaredField
{
    /// <summary>A field read from <paramref name="attribute"/>.</summary>
    public DeclaredField(AttributeData attribute, FieldDeclaration declaration, ITypeSymbol? type)
    {
        Attribute = attribute;
        Declaration = declaration;
        Type = type;
    }

    /// <summary>The attribute (for a diagnostic location).</summary>
    public AttributeData Attribute { get; }

    /// <summary>The plain-value declaration the layout calculator takes.</summary>
    public FieldDeclaration Declaration { get; }

    /// <summary>The declared type, or null when none was given.</summary>
    public ITypeSymbol? Type { get; }
}
