using System.Threading.Tasks;
using TaggedPtr.Analyzers.CodeFixes;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.CodeFixes;

/// <summary>Fixes for wrapper declarations: make partial (TPTR0010), remove or narrow a field (TPTR0013/TPTR0014).</summary>
public sealed class WrapperFixTests
{
    [Fact]
    public Task MakePartialWithContainingTypes() => CodeFixVerifier<WrapperDeclarationAnalyzer, MakePartialCodeFixProvider>.VerifyAsync(
        """
        using TaggedPtr;

        public static class Outer
        {
            [TaggedPointer(typeof(int))]
            public readonly struct {|TPTR0010:{|TPTR0010:First|}|} { }

            [TaggedPointer(typeof(long))]
            struct {|TPTR0010:{|TPTR0010:Second|}|} { }
        }

        [TaggedPointer(typeof(byte))]
        [TagField("Flag", typeof(bool))]
        struct {|TPTR0010:TopLevel|} { }
        """,
        """
        using TaggedPtr;

        public static partial class Outer
        {
            [TaggedPointer(typeof(int))]
            public readonly partial struct First { }

            [TaggedPointer(typeof(long))]
            partial struct Second { }
        }

        [TaggedPointer(typeof(byte))]
        [TagField("Flag", typeof(bool))]
        partial struct TopLevel { }
        """,
        MakePartialCodeFixProvider.EquivalenceKey);

    [Fact]
    public Task NarrowTheLastHighField() => CodeFixVerifier<WrapperDeclarationAnalyzer, FixOutOfBudgetFieldCodeFixProvider>.VerifyAsync(
        """
        using TaggedPtr;

        [TaggedPointer(typeof(long))]
        [TagField("Flag", typeof(bool))]
        [{|TPTR0013:TagField("Version", Bits = 7)|}]
        public partial struct A { }

        [TaggedPointer(typeof(long), Scheme = TagScheme.LamU48)]
        [TagField("Counter", Bits = 10)]
        [{|TPTR0013:TagField("Epoch", Bits = 6)|}]
        public partial struct B { }
        """,
        """
        using TaggedPtr;

        [TaggedPointer(typeof(long))]
        [TagField("Flag", typeof(bool))]
        [TagField("Version", Bits = 5)]
        public partial struct A { }

        [TaggedPointer(typeof(long), Scheme = TagScheme.LamU48)]
        [TagField("Counter", Bits = 10)]
        [TagField("Epoch", Bits = 5)]
        public partial struct B { }
        """,
        FixOutOfBudgetFieldCodeFixProvider.NarrowKey);

    [Fact]
    public Task RemoveTheLastLowField() => CodeFixVerifier<WrapperDeclarationAnalyzer, FixOutOfBudgetFieldCodeFixProvider>.VerifyAsync(
        """
        using TaggedPtr;

        [TaggedPointer(typeof(int))]
        [LowTagField("Marked", typeof(bool))]
        [LowTagField("Color", Bits = 1), {|TPTR0014:LowTagField("Extra", typeof(bool))|}]
        public partial struct A { }

        [TaggedPointer(typeof(short))]
        [LowTagField("Marked", typeof(bool))]
        [{|TPTR0014:LowTagField("Other", typeof(bool))|}]
        public partial struct B { }
        """,
        """
        using TaggedPtr;

        [TaggedPointer(typeof(int))]
        [LowTagField("Marked", typeof(bool))]
        [LowTagField("Color", Bits = 1)]
        public partial struct A { }

        [TaggedPointer(typeof(short))]
        [LowTagField("Marked", typeof(bool))]
        public partial struct B { }
        """,
        FixOutOfBudgetFieldCodeFixProvider.RemoveKey);

    [Fact]
    public async Task NoNarrowingForBoolOrWhenTheExcessIsTheWholeField()
    {
        // Removing "Flag" (1 bit) makes 7 → 6 fit; narrowing a bool is impossible, so only removal is offered and the
        // narrow key finds no action: the source stays as it is.
        var test = CodeFixVerifier<WrapperDeclarationAnalyzer, FixOutOfBudgetFieldCodeFixProvider>.Create(
            """
            using TaggedPtr;

            [TaggedPointer(typeof(long))]
            [TagField("Version", Bits = 6)]
            [{|TPTR0013:TagField("Flag", typeof(bool))|}]
            public partial struct A { }
            """,
            """
            using TaggedPtr;

            [TaggedPointer(typeof(long))]
            [TagField("Version", Bits = 6)]
            [{|TPTR0013:TagField("Flag", typeof(bool))|}]
            public partial struct A { }
            """,
            FixOutOfBudgetFieldCodeFixProvider.NarrowKey);
        await test.RunAsync();
    }
}
