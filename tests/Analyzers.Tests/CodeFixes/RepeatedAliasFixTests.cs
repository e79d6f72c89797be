using System.Threading.Tasks;
using TaggedPtr.Analyzers.CodeFixes;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.CodeFixes;

/// <summary>
/// TPTR0020's fix writes the attribute's own name where the repeated alias was; with the generator running before and
/// after, the fixed declarations get their code and nothing is left to report (Fix All in every scope included).
/// </summary>
public sealed class RepeatedAliasFixTests
{
    [Fact]
    public Task TheAliasIsReplacedByTheAttributesOwnName()
    {
        var test = CodeFixVerifier<WrapperDeclarationAnalyzer, WriteAttributeNameCodeFixProvider>.Create(
            """
            using TP = TaggedPtr.TaggedPointerAttribute;

            namespace App
            {
                [TP(typeof(long))] public readonly partial struct First { }
                [{|TPTR0020:TP|}(typeof(long))] public readonly partial struct Second { }
                [ {|TPTR0020:TP|} (typeof(int)), System.Obsolete] public readonly partial struct Third { }
            }
            """,
            """
            using TP = TaggedPtr.TaggedPointerAttribute;

            namespace App
            {
                [TP(typeof(long))] public readonly partial struct First { }
                [global::TaggedPtr.TaggedPointer(typeof(long))] public readonly partial struct Second { }
                [ global::TaggedPtr.TaggedPointer (typeof(int)), System.Obsolete] public readonly partial struct Third { }
            }
            """,
            WriteAttributeNameCodeFixProvider.EquivalenceKey);
        test.RunGenerator = true;
        return test.RunAsync();
    }

    [Fact]
    public Task AGenericAliasKeepsItsTypeArgument()
    {
        var test = CodeFixVerifier<WrapperDeclarationAnalyzer, WriteAttributeNameCodeFixProvider>.Create(
            """
            using LongPtr = TaggedPtr.TaggedPointerAttribute<long>;

            [LongPtr] public readonly partial struct First { }
            [{|TPTR0020:LongPtr|}] public readonly partial struct Second { }
            """,
            """
            using LongPtr = TaggedPtr.TaggedPointerAttribute<long>;

            [LongPtr] public readonly partial struct First { }
            [global::TaggedPtr.TaggedPointer<long>] public readonly partial struct Second { }
            """,
            WriteAttributeNameCodeFixProvider.EquivalenceKey);
        test.RunGenerator = true;
        return test.RunAsync();
    }
}
