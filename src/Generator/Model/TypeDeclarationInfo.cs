using TaggedPtr.Generator.Helpers;

namespace TaggedPtr.Generator.Model;

/// <summary>One type declaration the generated code reopens: a containing type or the wrapper itself.</summary>
/// <param name="Name">The name, escaped when it is a keyword (<c>@class</c>).</param>
/// <param name="MetadataName">The name as metadata spells it, for the hint name (<c>Outer`1</c>).</param>
/// <param name="Modifiers">Modifiers that must repeat on every part (<c>readonly</c>, <c>ref</c>), or empty.</param>
/// <param name="Kind"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="TypeParameters">Type parameter names; constraints are omitted, which partial parts allow.</param>
internal readonly record struct TypeDeclarationInfo(
    string Name,
    string MetadataName,
    string Modifiers,
    string Kind,
    EquatableArray<string> TypeParameters)
{
    /// <summary>The name with its type parameters: <c>Outer&lt;T&gt;</c>.</summary>
    public string NameWithTypeParameters =>
        TypeParameters.Count == 0 ? Name : Name + "<" + string.Join(", ", TypeParameters) + ">";
}
