using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using TaggedPtr.Generator.Declarations;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Analyzers.Symbols;

/// <summary>
/// A generated wrapper as the generator itself sees it: the declaration read by the generator's own
/// <see cref="WrapperDeclarationReader"/> and laid out by its <see cref="LayoutCalculator"/> (both called in the
/// generator's assembly, which the package loads beside this one), so the analyzers and the generator can never disagree
/// about a wrapper's bits.
/// </summary>
internal sealed class WrapperInfo
{
    // Low bits assumed to hold tags when the layout is invalid: the alignment bits of anything up to 16-byte aligned.
    private const ulong UnknownLowFieldsMask = 0xF;

    private readonly Dictionary<string, FieldLayout> _fields = new();

    private WrapperInfo(WrapperDeclaration declaration, LayoutResult layout)
    {
        Declaration = declaration;
        Layout = layout;
        if (layout.Layout is { } valid)
        {
            TagMask = valid.Scheme.TagMask | valid.LowFieldsMask;
            foreach (FieldLayout field in valid.Fields)
            {
                _fields[field.Name] = field;
            }
        }
        else
        {
            // No layout, so no generated members; but a value of the type may still exist in broken code.
            bool anyLow = false;
            foreach (FieldDeclaration field in declaration.Request.Fields)
            {
                anyLow |= field.Region == FieldRegion.Low;
            }

            ulong high = SchemeInfo.TryGet(declaration.Request.Scheme) is { } scheme ? scheme.TagMask : KnownSymbols.UnknownSchemeTagMask;
            TagMask = high | (anyLow ? UnknownLowFieldsMask : 0);
        }
    }

    /// <summary>The declaration as read from the attributes, with its non-layout problems.</summary>
    public WrapperDeclaration Declaration { get; }

    /// <summary>The layout, or the layout problems.</summary>
    public LayoutResult Layout { get; }

    /// <summary>The bits of the raw value that may hold tags; never 0, so every wrapper counts as a tagged pointer.</summary>
    public ulong TagMask { get; }

    /// <summary>Reads a type; null when it carries no <c>[TaggedPointer]</c>.</summary>
    public static WrapperInfo? TryRead(INamedTypeSymbol type)
    {
        if (!WrapperDeclarationReader.IsTaggedPointerAttributed(type))
        {
            return null;
        }

        // The reader looks at the declaring syntax only; the result is cached per compilation, so it is read once.
        WrapperDeclaration? declaration = WrapperDeclarationReader.Read(type, CancellationToken.None);
        return declaration is null ? null : new WrapperInfo(declaration, LayoutCalculator.Calculate(declaration.Request));
    }

    /// <summary>The laid-out field of this name, or null (unknown name, or no valid layout).</summary>
    public FieldLayout? FindField(string name) => _fields.TryGetValue(name, out FieldLayout? field) ? field : null;
}
