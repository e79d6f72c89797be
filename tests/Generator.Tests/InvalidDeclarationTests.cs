using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Generator.Declarations;
using TaggedPtr.Generator.Layout;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>
/// A declaration the generator cannot build gets no file, no diagnostic from the generator (the analyzers explain it)
/// and never an exception (CS8785 would drop every wrapper in the compilation).
/// </summary>
public sealed class InvalidDeclarationTests
{
    private static string Source(string declaration) => Prelude + declaration + "\n}\n";

    private const string Prelude = """
        using System.Collections.Generic;
        using TaggedPtr;

        namespace Demo
        {
            /// <summary>A node.</summary>
            public struct Node
            {
                /// <summary>Payload.</summary>
                public long Value;
            }

            /// <summary>Colours.</summary>
            public enum Color
            {
                /// <summary>Red.</summary>
                Red = 0,

                /// <summary>Blue: needs 3 bits.</summary>
                Blue = 4,

                /// <summary>Negative.</summary>
                Minus = -1,
            }

            /// <summary>A generic holder.</summary>
            /// <typeparam name="T">Anything.</typeparam>
            public class Box<T>
            {
                /// <summary>Unmanaged.</summary>
                public struct Inner
                {
                    /// <summary>Payload.</summary>
                    public long X;
                }

                /// <summary>Kinds.</summary>
                public enum Kind
                {
                    /// <summary>A.</summary>
                    A,
                }
            }

            /// <summary>Colours that fit one bit.</summary>
            internal enum Hidden
            {
                /// <summary>Off.</summary>
                Off = 0,
            }

        """;

    public static IEnumerable<object[]> Cases => new (string Name, string Problem, string Declaration)[]
    {
        ("not partial", "NotPartial", "[TaggedPointer(typeof(Node))] public struct P { }"),
        ("class", "NotAStruct", "[TaggedPointer(typeof(Node))] public partial class P { }"),
        ("record class", "NotAStruct", "[TaggedPointer(typeof(Node))] public partial record P;"),
        ("ref struct", "RefStruct", "[TaggedPointer(typeof(Node))] public ref partial struct P { }"),
        ("containing type not partial", "ContainingTypeNotPartial", "public class Outer { [TaggedPointer(typeof(Node))] public partial struct P { } }"),
        ("managed pointee", "PointeeNotUnmanaged", "[TaggedPointer(typeof(string))] public partial struct P { }"),
        ("generic managed pointee", "PointeeNotUnmanaged", "[TaggedPointer(typeof(List<int>))] public partial struct P { }"),
        ("missing pointee type", "PointeeNotUnmanaged", "[TaggedPointer(typeof(Missing))] public partial struct P { }"),
        ("null pointee", "PointeeNotUnmanaged", "[TaggedPointer(null!)] public partial struct P { }"),
        ("pointer pointee", "PointeeNotUnmanaged", "[TaggedPointer(typeof(int*))] public partial struct P { }"),
        ("void pointee", "PointeeNotUnmanaged", "[TaggedPointer(typeof(void))] public partial struct P { }"),
        ("nullable pointee", "PointeeNotUnmanaged", "[TaggedPointer(typeof(int?))] public partial struct P { }"),
        ("nullable enum pointee", "PointeeNotUnmanaged", "[TaggedPointer(typeof(Color?))] public partial struct P { }"),
        ("too many high bits", "HighBitsExceeded", "[TaggedPointer(typeof(Node))] [TagField(\"A\", Bits = 4)] [TagField(\"B\", Bits = 3)] public partial struct P { }"),
        ("too many low bits", "LowBitsExceeded", "[TaggedPointer(typeof(Node))] [LowTagField(\"A\", Bits = 4)] public partial struct P { }"),
        ("overlap", "Overlap", "[TaggedPointer(typeof(Node))] [TagField(\"A\", Bits = 2)] [TagField(\"B\", Bits = 2, Offset = 1)] public partial struct P { }"),
        ("duplicate field", "DuplicateName", "[TaggedPointer(typeof(Node))] [TagField(\"A\", Bits = 1)] [LowTagField(\"A\", Bits = 1)] public partial struct P { }"),
        ("field named like a generated member", "NameCollision", "[TaggedPointer(typeof(Node))] [TagField(\"Address\", Bits = 1)] public partial struct P { }"),
        ("user member named like a generated one", "NameCollision", "[TaggedPointer(typeof(Node))] public partial struct P { /// <summary>Mine.</summary>\n public ulong RawValue => 0; }"),
        ("user constructor from ulong", "MemberCollision", "[TaggedPointer(typeof(Node))] public partial struct P { /// <summary>Mine.</summary>\n public P(ulong v) { } }"),
        ("user equality operator", "MemberCollision", "[TaggedPointer(typeof(Node))] public partial struct P { /// <summary>Mine.</summary>\n public static bool operator ==(P a, P b) => true; /// <summary>Mine.</summary>\n public static bool operator !=(P a, P b) => false; }"),
        ("enum member too wide", "EnumMemberDoesNotFit", "[TaggedPointer(typeof(Node))] [TagField(\"C\", typeof(Color), Bits = 2)] public partial struct P { }"),
        ("negative enum member", "EnumMemberDoesNotFit", "[TaggedPointer(typeof(Node))] [TagField(\"C\", typeof(Color))] public partial struct P { }"),
        ("less accessible enum", "LessAccessibleType", "[TaggedPointer(typeof(Node))] [TagField(\"H\", typeof(Hidden))] public partial struct P { }"),
        ("bool with two bits", "BoolBitsNotOne", "[TaggedPointer(typeof(Node))] [TagField(\"F\", typeof(bool), Bits = 2)] public partial struct P { }"),
        ("negative bits", "BitsNotPositive", "[TaggedPointer(typeof(Node))] [TagField(\"F\", Bits = -1)] public partial struct P { }"),
        ("unsigned without bits", "MissingBits", "[TaggedPointer(typeof(Node))] [TagField(\"F\")] public partial struct P { }"),
        ("signed field type", "UnsupportedFieldType", "[TaggedPointer(typeof(Node))] [TagField(\"F\", typeof(int), Bits = 3)] public partial struct P { }"),
        ("field type too narrow", "TypeTooNarrow", "[TaggedPointer(typeof(Node), Scheme = TagScheme.LamU48)] [TagField(\"F\", typeof(byte), Bits = 9)] public partial struct P { }"),
        ("invalid field name", "InvalidName", "[TaggedPointer(typeof(Node))] [TagField(\"not a name\", Bits = 1)] public partial struct P { }"),
        ("null field name", "InvalidAttribute", "[TaggedPointer(typeof(Node))] [TagField(null!, Bits = 1)] public partial struct P { }"),
        ("both attribute forms", "DuplicateAttribute", "[TaggedPointer(typeof(Node))] [TaggedPointer<Node>] public partial struct P { }"),
        ("attribute on two parts", "DuplicateAttribute", "[TaggedPointer(typeof(Node))] public partial struct P { } [TaggedPointer(typeof(Node))] public partial struct P { }"),
        ("unknown equality", "UnknownEquality", "[TaggedPointer(typeof(Node), Equality = (TagEquality)7)] public partial struct P { }"),
        ("unknown scheme", "UnknownScheme", "[TaggedPointer(typeof(Node), Scheme = (TagScheme)9)] public partial struct P { }"),
        ("alignment not a power of two", "InvalidAlignment", "[TaggedPointer(typeof(Node), Alignment = 3)] public partial struct P { }"),
        ("scheme None without fields", "NothingToTag", "[TaggedPointer(typeof(Node), Scheme = TagScheme.None)] public partial struct P { }"),
        ("high field under scheme None", "HighBitsExceeded", "[TaggedPointer(typeof(Node), Scheme = TagScheme.None)] [TagField(\"A\", Bits = 1)] public partial struct P { }"),
        ("file-local struct", "FileLocal", "[TaggedPointer(typeof(Node))] file partial struct P { }"),
        ("nested in a file-local class", "FileLocal", "file partial class Registry { [TaggedPointer(typeof(Node))] public partial struct P { } }"),
        ("instance field", "InstanceState", "[TaggedPointer(typeof(Node))] public partial struct P { private readonly int _extra; }"),
        ("auto-property", "InstanceState", "[TaggedPointer(typeof(Node))] public partial struct P { /// <summary>Mine.</summary>\n public int Extra { get; } }"),
        ("field-like event", "InstanceState", "[TaggedPointer(typeof(Node))] public partial struct P { /// <summary>Mine.</summary>\n public event System.Action? Changed; }"),
        ("positional record struct", "InstanceState", "[TaggedPointer(typeof(Node))] public partial record struct P(int Extra);"),
        ("primary constructor", "InstanceState", "[TaggedPointer(typeof(Node))] public partial struct P(int extra) { }"),
        ("pointee inside an unbound generic", "PointeeNotUnmanaged", "[TaggedPointer(typeof(Box<>.Inner))] public partial struct P { }"),
        ("field type inside an unbound generic", "InvalidAttribute", "[TaggedPointer(typeof(Node))] [TagField(\"K\", typeof(Box<>.Kind))] public partial struct P { }"),
        ("field named like a type parameter", "NameCollision", "[TaggedPointer(typeof(Node))] [TagField(\"T\", Bits = 1)] public partial struct P<T> { }"),
        ("wrong argument type", "InvalidAttribute", "[TaggedPointer(typeof(Node))] [TagField(\"A\", Bits = \"x\")] public partial struct P { }"),
    }.Select(c => new object[] { c.Name, c.Problem, c.Declaration });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_declaration_gets_no_file_no_diagnostic_and_no_exception(string name, string problem, string declaration)
    {
        _ = problem;
        GeneratorRun run = GeneratorHarness.Run(Source(declaration));

        Assert.True(run.Sources.IsEmpty, name + ": " + string.Join(", ", run.Sources.Select(s => s.HintName)));
        Assert.Empty(run.Result.Diagnostics);
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id == "CS8785");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reader_and_layout_name_the_problem_the_analyzers_will_report(string name, string problem, string declaration)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(new[] { Source(declaration) });
        INamedTypeSymbol type = compilation.GetSymbolsWithName("P", SymbolFilter.Type).OfType<INamedTypeSymbol>().First();

        WrapperDeclaration read = WrapperDeclarationReader.Read(type, CancellationToken.None)!;
        IEnumerable<string> kinds = read.Problems.Select(p => p.Kind.ToString())
            .Concat(LayoutCalculator.Calculate(read.Request).Problems.Select(p => p.Kind.ToString()));

        Assert.True(kinds.Contains(problem), $"{name}: expected {problem}, got [{string.Join(", ", kinds)}]");
        Assert.All(read.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void Invalid_declaration_does_not_stop_a_valid_one_beside_it()
    {
        string source = Prelude + """
            [TaggedPointer(typeof(Node))] [TagField("A", Bits = 7)] public partial struct Bad { }
            [TaggedPointer(typeof(Node))] [TagField("A", Bits = 6)] public readonly partial struct Good { }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Equal(new[] { "Demo.Good.g.cs" }, run.Sources.Select(s => s.HintName).ToArray());
        Assert.Null(run.Result.Exception);
    }
}
