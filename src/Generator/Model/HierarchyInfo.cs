using System.Globalization;
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
    /// A readable file name: the namespace, then the types joined by <c>+</c> with their arity
    /// (<c>Demo.Outer`1+NodePtr.g.cs</c>), so nesting, namespaces and generic arity never collide. Names that differ only
    /// in case or in characters dropped here can still collide; the generator gives those <see cref="DistinctHintName"/>.
    /// </summary>
    public string HintName => ReadableName().Append(".g.cs").ToString();

    /// <summary>
    /// <see cref="HintName"/> with a hash of the exact name (<c>Demo.NodePtr-0123456789abcdef.g.cs</c>), for the rare
    /// wrappers whose hint names clash: Roslyn compares hint names ignoring case, and <see cref="HintName"/> keeps only
    /// a portable subset of characters. <c>-</c> never occurs in <see cref="HintName"/>, so this cannot clash with one.
    /// </summary>
    public string DistinctHintName
    {
        get
        {
            // FNV-1a, 64 bits: stable across processes, unlike string.GetHashCode.
            ulong hash = 14695981039346656037UL;
            foreach (char c in Namespace)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            foreach (TypeDeclarationInfo type in Types)
            {
                hash = (hash ^ '+') * 1099511628211UL;
                foreach (char c in type.MetadataName)
                {
                    hash = (hash ^ c) * 1099511628211UL;
                }
            }

            return ReadableName().Append('-').Append(hash.ToString("x16", CultureInfo.InvariantCulture)).Append(".g.cs").ToString();
        }
    }

    private StringBuilder ReadableName()
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

        return builder;
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
