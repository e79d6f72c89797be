using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Generator.Declarations;
using TaggedPtr.Generator.Layout;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>
/// The symbol reader the generator and the analyzers share: pointee alignment, and the same verdict whether or not the
/// generated part is already in the compilation (the analyzers see it, the generator does not).
/// </summary>
public sealed class DeclarationReaderTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Reading_after_generation_gives_the_same_request_and_no_problem(string name)
    {
        Scenario scenario = Scenarios.Get(name);
        GeneratorRun run = GeneratorHarness.Run(scenario.Source).AssertClean();
        string metadataName = scenario.WrapperMetadataName;

        WrapperDeclaration before = Read(run.Input, metadataName);
        WrapperDeclaration after = Read(run.Output, metadataName);

        Assert.Empty(before.Problems);
        Assert.Empty(after.Problems);
        Assert.True(LayoutCalculator.Calculate(after.Request).IsValid);
        Assert.Equal(before.Request.ExistingMemberNames.OrderBy(n => n), after.Request.ExistingMemberNames.OrderBy(n => n));
        Assert.Equal(before.Request.PointeeAlignment, after.Request.PointeeAlignment);
        Assert.Equal(
            before.Request.Fields.Select(f => (f.Name, f.Kind, f.Bits, f.Offset)),
            after.Request.Fields.Select(f => (f.Name, f.Kind, f.Bits, f.Offset)));
    }

    [Fact]
    public void Generated_files_carry_the_path_marker_the_reader_relies_on()
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.Get("SingleTag").Source);

        SyntaxTree generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).Single();

        Assert.Contains(WrapperDeclarationReader.GeneratedPathMarker, generated.FilePath, System.StringComparison.Ordinal);
        Assert.Equal(WrapperDeclarationReader.GeneratedPathMarker, typeof(TaggedPointerGenerator).FullName);
    }

    [Theory]
    [InlineData("public struct T { public long A; public byte B; }", 8)]
    [InlineData("public struct T { public int A; public short B; }", 4)]
    [InlineData("public struct T { public byte A; public bool B; }", 1)]
    [InlineData("public struct T { }", 1)]
    [InlineData("public struct T { public char A; }", 2)]
    [InlineData("public struct T { public double A; }", 8)]
    [InlineData("public struct T { public decimal A; }", 8)]
    [InlineData("public unsafe struct T { public byte* A; }", 8)]
    [InlineData("public struct T { public nint A; }", 8)]
    [InlineData("public struct T { public Inner A; public byte B; } public struct Inner { public int X; }", 4)]
    [InlineData("[StructLayout(LayoutKind.Sequential, Pack = 1)] public struct T { public long A; }", 1)]
    [InlineData("[StructLayout(LayoutKind.Sequential, Pack = 2)] public struct T { public long A; }", 2)]
    [InlineData("[StructLayout(LayoutKind.Explicit)] public struct T { [FieldOffset(0)] public long A; [FieldOffset(0)] public int B; }", 8)]
    [InlineData("public unsafe struct T { public fixed short A[3]; }", 2)]
    [InlineData("public struct T { public static long S; public const long C = 1; public byte A; }", 1)]
    [InlineData("public struct T { public E A; } public enum E : short { X }", 2)]
    [InlineData("public struct T { public int? A; }", 4)]
    [InlineData("public record struct T(long A, byte B);", 8)]
    [InlineData("public struct T { public Guid A; public short B; }", 2)]
    [InlineData("public struct T { public Ptr Next; } [TaggedPointer(typeof(T))] public partial struct Ptr { }", 8)]
    public void Natural_alignment_of_source_structs(string declarations, int alignment)
    {
        Assert.Equal(alignment, AlignmentOf(declarations, "T"));
    }

    [Theory]
    [InlineData(typeof(long), 8)]
    [InlineData(typeof(int), 4)]
    [InlineData(typeof(ushort), 2)]
    [InlineData(typeof(byte), 1)]
    [InlineData(typeof(System.DateTime), 8)]
    public void Natural_alignment_of_special_types(System.Type type, int alignment)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { string.Empty });

        Assert.Equal(alignment, NaturalAlignment.Of(compilation.GetTypeByMetadataName(type.FullName!)!));
    }

    [Fact]
    public void Metadata_struct_alignment_is_unknown_and_the_message_says_so()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[]
        {
            """
            using TaggedPtr;

            [TaggedPointer(typeof(System.Guid))]
            [LowTagField("Mark", typeof(bool))]
            public partial struct P { }
            """,
        });
        WrapperDeclaration read = Read(compilation, "P");

        Assert.Equal(NaturalAlignment.Unknown, read.Request.PointeeAlignment);
        Assert.Equal(
            "0 low bits available (the alignment of Guid is not known here: declare Alignment), 1 requested",
            Assert.Single(LayoutCalculator.Calculate(read.Request).Problems).Message);
    }

    [Fact]
    public void Declared_alignment_makes_a_metadata_pointee_usable()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using TaggedPtr;

            /// <summary>A Guid pointer with a mark.</summary>
            [TaggedPointer(typeof(System.Guid), Alignment = 16)]
            [LowTagField("Mark", typeof(bool))]
            public readonly partial struct P { }
            """).AssertClean();

        Assert.Single(run.Sources);
    }

    [Fact]
    public void Enum_members_are_read_with_their_sign()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[]
        {
            """
            using TaggedPtr;

            [TaggedPointer(typeof(long))]
            [TagField("E", typeof(E))]
            public partial struct P { }

            public enum E : long { Min = long.MinValue, Zero = 0, Max = 5 }
            """,
        });

        FieldDeclaration field = Assert.Single(Read(compilation, "P").Request.Fields);

        Assert.Equal(FieldKind.Enum, field.Kind);
        Assert.Equal(63, field.TypeBits);
        Assert.Equal(
            new[] { ("Min", 9223372036854775808UL, true), ("Zero", 0UL, false), ("Max", 5UL, false) },
            field.EnumMembers.Select(m => (m.Name, m.Value, m.IsNegative)));
    }

    [Fact]
    public void Protected_wrapper_may_not_expose_an_internal_pointee()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[]
        {
            """
            using TaggedPtr;

            public partial class Host
            {
                [TaggedPointer(typeof(Secret))]
                protected partial struct P { }
            }

            internal struct Secret { public long X; }
            """,
        });

        DeclarationProblem problem = Assert.Single(Read(compilation, "Host+P").Problems);

        Assert.Equal(DeclarationProblemKind.LessAccessibleType, problem.Kind);
        Assert.Equal("Secret is less accessible than P, whose public members expose it", problem.Message);
    }

    [Fact]
    public void Internal_wrapper_may_expose_an_internal_pointee()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[]
        {
            """
            using TaggedPtr;

            [TaggedPointer(typeof(Secret))]
            internal partial struct P { }

            internal struct Secret { public long X; }
            """,
        });

        Assert.Empty(Read(compilation, "P").Problems);
    }

    [Fact]
    public void Type_without_the_attribute_reads_as_null()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { "public partial struct P { }" });

        Assert.Null(WrapperDeclarationReader.Read(compilation.GetTypeByMetadataName("P")!, CancellationToken.None));
    }

    private static int AlignmentOf(string declarations, string typeName)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[]
        {
            "using System;\nusing System.Runtime.InteropServices;\nusing TaggedPtr;\n" + declarations,
        });
        return NaturalAlignment.Of(compilation.GetTypeByMetadataName(typeName)!);
    }

    private static WrapperDeclaration Read(Compilation compilation, string metadataName)
    {
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(metadataName) ?? throw new Xunit.Sdk.XunitException(metadataName + " not found");
        return WrapperDeclarationReader.Read(type, CancellationToken.None)!;
    }
}
