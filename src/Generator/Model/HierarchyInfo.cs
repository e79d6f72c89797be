using System.Text;
using TaggedPtr.Generator.Helpers;

namespace TaggedPtr.Generator.Model;

/// <summary>Where the wrapper is declared: its namespace and every enclosing type, outermost first, then itself.</summary>
/// <param name="Namespace">The namespace, or <c>""</c> for the global namespace.</param>
/// <param name="Types">Containing types outermost first; the last entry is the wrapper.</param>
internal sealed record HierarchyInfo(string Namespace, EquatableArray<TypeDeclarationInfo> Types)
{
    /// <summary>The wrapper's own declaration.</summary>
    public TypeDeclarationInfo Wrapper => Types[Types.Count - 1];

    /// <summary>
    /// A file name unique in the compilation: the namespace, then the types joined by <c>+</c> with their arity
    /// (<c>Demo.Outer`1+NodePtr.g.cs</c>), so nesting, namespaces and generic arity never collide.
    /// </summary>
    public string HintName
    {
        get
        {
            var builder = new StringBuilder();
            if (Namespace.Length != 0)
            {
                Append(builder, Namespace.Replace("@", string.Empty));
                builder.Append('.');
            }

            for (int i = 0; i < Types.Count; i++)
            {
                if (i != 0)
                {
                    builder.Append('+');
                }

                Append(builder, Types[i].MetadataName);
            }

            return builder.Append(".g.cs").ToString();
        }
    }

    // Identifiers may hold any Unicode letter; keep a portable subset in file names.
    private static void Append(StringBuilder builder, string text)
    {
        foreach (char c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '_' or '.' or '`' ? c : '_');
        }
    }
}
