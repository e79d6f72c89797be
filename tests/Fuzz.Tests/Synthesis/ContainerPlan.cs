using System.Collections.Generic;

namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>A type that contains a synthesized wrapper.</summary>
/// <param name="Modifiers">Everything before the name (<c>public static partial class</c>).</param>
/// <param name="Name">The name as code spells it (<c>@class</c>, <c>Größe</c>).</param>
/// <param name="TypeParameters">Type parameter names, possibly none.</param>
/// <param name="Constraints">Constraint clauses written on the first declaration only, or empty.</param>
internal sealed record ContainerPlan(string Modifiers, string Name, IReadOnlyList<string> TypeParameters, string Constraints)
{
    /// <summary>The declaration header without constraints.</summary>
    public string Header => Modifiers + " " + Name + (TypeParameters.Count == 0 ? string.Empty : "<" + string.Join(", ", TypeParameters) + ">");

    /// <summary>The type as usage code names it, every type argument <c>int</c>.</summary>
    public string Reference => Name + (TypeParameters.Count == 0 ? string.Empty : "<" + string.Join(", ", Repeat("int", TypeParameters.Count)) + ">");

    private static IEnumerable<string> Repeat(string text, int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return text;
        }
    }
}
