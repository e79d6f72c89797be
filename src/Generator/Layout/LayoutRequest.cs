using System;
using System.Collections.Generic;

namespace TaggedPtr.Generator.Layout;

/// <summary>Everything the layout depends on, as plain values: the input of <see cref="LayoutCalculator.Calculate"/>.</summary>
internal sealed class LayoutRequest
{
    /// <summary>A request.</summary>
    /// <param name="typeName">The wrapper's name (<c>NodePtr</c>), for messages and the name-collision check.</param>
    /// <param name="pointeeName">The pointee's display name (<c>Node</c>), for messages.</param>
    /// <param name="scheme">The high-bit scheme (a value outside the enum is reported).</param>
    /// <param name="pointeeAlignment">The pointee's natural alignment in bytes; 0 when it cannot be known (it is then taken as 1).</param>
    /// <param name="explicitAlignment">The attribute's <c>Alignment</c>; 0 when not given.</param>
    /// <param name="fields">The fields in declaration order.</param>
    /// <param name="existingMemberNames">Members the user declared in the wrapper; a generated member may not reuse them.</param>
    public LayoutRequest(
        string typeName,
        string pointeeName,
        LayoutScheme scheme,
        int pointeeAlignment,
        int explicitAlignment,
        IReadOnlyList<FieldDeclaration> fields,
        IReadOnlyCollection<string>? existingMemberNames = null)
    {
        TypeName = typeName ?? string.Empty;
        PointeeName = pointeeName ?? string.Empty;
        Scheme = scheme;
        PointeeAlignment = pointeeAlignment;
        ExplicitAlignment = explicitAlignment;
        Fields = fields ?? Array.Empty<FieldDeclaration>();
        ExistingMemberNames = existingMemberNames ?? Array.Empty<string>();
    }

    /// <summary>The wrapper's name.</summary>
    public string TypeName { get; }

    /// <summary>The pointee's display name.</summary>
    public string PointeeName { get; }

    /// <summary>The high-bit scheme.</summary>
    public LayoutScheme Scheme { get; }

    /// <summary>The pointee's natural alignment in bytes, or 0 when unknown.</summary>
    public int PointeeAlignment { get; }

    /// <summary>The attribute's <c>Alignment</c> (0: natural).</summary>
    public int ExplicitAlignment { get; }

    /// <summary>The fields in declaration order.</summary>
    public IReadOnlyList<FieldDeclaration> Fields { get; }

    /// <summary>Members the user declared in the wrapper.</summary>
    public IReadOnlyCollection<string> ExistingMemberNames { get; }
}
