using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using TaggedPtr.Analyzers.Rules;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Rules;

/// <summary>TPTR0010–TPTR0019 (and TPTR0003 for enum members): declarations the generator cannot build.</summary>
public sealed class WrapperDeclarationTests
{
    private static Task Verify(string source) =>
        AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("using TaggedPtr;\n\n" + source, runGenerator: true).RunAsync();

    private static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor) => new(descriptor);

    [Fact]
    public Task ValidDeclarationsAreQuiet() => Verify("""
        public enum Color : byte { Red, Black }

        public struct Node { public long Value; public Node* Next; }

        [TaggedPointer(typeof(Node))]
        [TagField("Color", typeof(Color), Bits = 1)]
        [TagField("Version", Bits = 5)]
        [LowTagField("Marked", typeof(bool))]
        public readonly partial struct NodePtr { }

        [TaggedPointer<long>(Scheme = TagScheme.LamU48)]
        [TagField("Counter", typeof(ushort), Bits = 15)]
        public partial struct WidePtr { }

        public static partial class Outer
        {
            public partial struct Inner
            {
                [TaggedPointer(typeof(int))]
                public partial struct Plain { }
            }
        }
        """.Replace("public struct Node {", "public unsafe struct Node {"));

    [Fact]
    public Task NotPartialStructAndContainingTypes() => Verify("""
        public static class Outer
        {
            [TaggedPointer(typeof(int))]
            public struct {|TPTR0010:{|TPTR0010:Ptr|}|} { }
        }
        """);

    [Fact]
    public Task NotAStruct() => Verify("""
        [TaggedPointer(typeof(int))]
        public partial class {|TPTR0011:Ptr|} { }

        [TaggedPointer(typeof(int))]
        public partial record {|TPTR0011:RecordPtr|} { }
        """);

    [Fact]
    public Task PointeeNotUnmanaged() => Verify("""
        [{|TPTR0012:TaggedPointer(typeof(string))|}]
        public partial struct Ptr { }
        """);

    // int* is unmanaged, but the wrapper's TaggedPtr<T> cannot take a pointer type (the generated file had CS0306).
    [Fact]
    public Task PointerPointeeIsRejected() => Verify("""
        [{|TPTR0012:TaggedPointer(typeof(int*))|}]
        public partial struct Ptr { }

        [{|TPTR0012:TaggedPointer(typeof(delegate*<void>))|}]
        public partial struct FunctionPtr { }
        """);

    // void and int? pass as unmanaged, but TaggedPtr<T> takes neither: the generated files had CS1547 and CS8377 (found
    // by the fuzzer).
    [Fact]
    public async Task VoidAndNullablePointeesAreRejected()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TaggedPtr;

            public enum Kind { Leaf }

            [TaggedPointer(typeof(void))]
            public partial struct VoidPtr { }

            [TaggedPointer(typeof(int?))]
            public partial struct NullablePtr { }

            [TaggedPointer<Kind?>]
            public partial struct NullableEnumPtr { }
            """, runGenerator: true);
        test.ExpectedDiagnostics.Add(Diagnostic(DiagnosticDescriptors.PointeeNotUnmanaged)
            .WithSpan(5, 2, 5, 29)
            .WithArguments("void cannot be a pointee; an untyped tagged pointer points at byte"));
        test.ExpectedDiagnostics.Add(Diagnostic(DiagnosticDescriptors.PointeeNotUnmanaged)
            .WithSpan(8, 2, 8, 29)
            .WithArguments("int? is a nullable value type, which the pointee of a tagged pointer cannot be; point at int"));
        test.ExpectedDiagnostics.Add(Diagnostic(DiagnosticDescriptors.PointeeNotUnmanaged)
            .WithSpan(11, 2, 11, 22)
            .WithArguments("Kind? is a nullable value type, which the pointee of a tagged pointer cannot be; point at Kind"));
        await test.RunAsync();
    }

    [Fact]
    public async Task HighFieldsOverBudgetHasTheNumbers()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TaggedPtr;

            [TaggedPointer(typeof(long))]
            [TagField("Version", Bits = 5)]
            [TagField("Flag", typeof(bool))]
            [TagField("Extra", Bits = 1)]
            public partial struct Ptr { }
            """, runGenerator: true);
        test.ExpectedDiagnostics.Add(Diagnostic(DiagnosticDescriptors.HighFieldsOverBudget)
            .WithSpan(6, 2, 6, 29)
            .WithArguments("6 tag bits available in LAM_U57, 7 requested"));
        await test.RunAsync();
    }

    [Fact]
    public async Task LowFieldsOverAlignmentHasTheNumbers()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TaggedPtr;

            [TaggedPointer(typeof(int))]
            [LowTagField("Marked", typeof(bool))]
            [LowTagField("Color", Bits = 2)]
            public partial struct Ptr { }
            """, runGenerator: true);
        test.ExpectedDiagnostics.Add(Diagnostic(DiagnosticDescriptors.LowFieldsOverAlignment)
            .WithSpan(5, 2, 5, 32)
            .WithArguments("2 low bits available (int is 4-byte aligned), 3 requested"));
        await test.RunAsync();
    }

    [Fact]
    public Task SchemeNoneHasNoHighBits() => Verify("""
        [TaggedPointer(typeof(long), Scheme = TagScheme.None)]
        [{|TPTR0013:TagField("Version", Bits = 2)|}]
        public partial struct Ptr { }
        """);

    [Fact]
    public Task OverlappingAndDuplicateFields() => Verify("""
        [TaggedPointer(typeof(long))]
        [TagField("A", Bits = 3)]
        [{|TPTR0015:TagField("B", Bits = 2, Offset = 1)|}]
        public partial struct Overlapping { }

        [TaggedPointer(typeof(long))]
        [TagField("A", Bits = 1)]
        [{|TPTR0015:TagField("A", Bits = 1)|}]
        public partial struct Duplicate { }
        """);

    [Fact]
    public Task NamesThatCollideWithGeneratedMembers() => Verify("""
        [TaggedPointer(typeof(long))]
        [{|TPTR0016:TagField("RawValue", Bits = 2)|}]
        public partial struct Reserved { }

        [TaggedPointer(typeof(long))]
        [{|TPTR0016:TagField("Version", Bits = 2)|}]
        public partial struct UserMember
        {
            public int WithVersion() => 0;
        }
        """);

    [Fact]
    public async Task GenericAttributeNeedsCSharp11()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TaggedPtr;

            [{|TPTR0017:TaggedPointer<long>|}]
            public partial struct Ptr { }
            """, languageVersion: LanguageVersion.CSharp10, runGenerator: true);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public async Task CSharp73IsTooOld()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TaggedPtr;

            [{|TPTR0017:TaggedPointer(typeof(long))|}]
            public partial struct Ptr { }
            """, languageVersion: LanguageVersion.CSharp7_3, runGenerator: true);
        await test.RunAsync();
    }

    [Fact]
    public async Task UnsafeCodeMustBeAllowed()
    {
        var test = AnalyzerVerifier<WrapperDeclarationAnalyzer>.Create("""
            using TaggedPtr;

            [{|TPTR0018:TaggedPointer(typeof(long))|}]
            public partial struct Ptr { }
            """, allowUnsafe: false, runGenerator: true);

        // Without unsafe code the generated half does not compile either; only the analyzer's report matters here.
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public Task InvalidFieldsAndArguments() => Verify("""
        [TaggedPointer(typeof(long))]
        [{|TPTR0019:TagField("Version")|}]
        public partial struct MissingBits { }

        [TaggedPointer(typeof(long))]
        [{|TPTR0019:TagField("Name", typeof(string), Bits = 2)|}]
        public partial struct UnsupportedType { }

        [{|TPTR0019:TaggedPointer(typeof(long), Alignment = 12)|}]
        public partial struct BadAlignment { }

        [{|TPTR0019:TaggedPointer(typeof(long), Scheme = (TagScheme)9)|}]
        public partial struct BadScheme { }

        [{|TPTR0019:TaggedPointer(typeof(long))|}]
        public partial struct WithState
        {
            private readonly int _extra;
        }
        """);

    [Fact]
    public Task FileLocalWrapperOrContainer() => Verify("""
        file partial class Registry
        {
            [TaggedPointer(typeof(long))]
            public partial struct {|TPTR0019:Nested|} { }
        }
        """);

    [Fact]
    public Task EnumMemberThatDoesNotFitIsTptr0003() => Verify("""
        public enum Color : byte { Red, Black, Blue }

        [TaggedPointer(typeof(long))]
        [{|TPTR0003:TagField("Color", typeof(Color), Bits = 1)|}]
        public partial struct Ptr { }
        """);

    [Fact]
    public Task TypesWithoutTheAttributeAreIgnored() => Verify("""
        public struct Plain { }

        [System.Obsolete]
        public class Other { }
        """);
}
