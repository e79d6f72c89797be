using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>Hint names, determinism and the header every generated file carries.</summary>
public sealed class OutputHygieneTests
{
    [Fact]
    public void Same_named_wrappers_in_different_namespaces_nesting_and_arity_get_distinct_files()
    {
        const string Source = """
            using TaggedPtr;

            /// <summary>Global.</summary>
            [TaggedPointer(typeof(long))] public readonly partial struct P { }

            namespace A
            {
                [TaggedPointer(typeof(long))] public readonly partial struct P { }

                /// <summary>Holds a P.</summary>
                public partial class Outer
                {
                    [TaggedPointer(typeof(long))] public readonly partial struct P { }
                }

                /// <summary>Holds a P.</summary>
                /// <typeparam name="T">Anything.</typeparam>
                public partial class Outer<T>
                {
                    [TaggedPointer(typeof(long))] public readonly partial struct P { }
                }

                /// <summary>A generic P.</summary>
                /// <typeparam name="T">Anything.</typeparam>
                [TaggedPointer(typeof(long))] public readonly partial struct P<T> { }
            }

            namespace A.B
            {
                [TaggedPointer(typeof(long))] public readonly partial struct P { }
            }

            namespace B
            {
                [TaggedPointer(typeof(long))] public readonly partial struct P { }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertClean();

        Assert.Equal(
            new[] { "A.B.P.g.cs", "A.Outer+P.g.cs", "A.Outer`1+P.g.cs", "A.P.g.cs", "A.P`1.g.cs", "B.P.g.cs", "P.g.cs" },
            run.Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Wrappers_whose_hint_names_differ_only_in_case_or_in_dropped_characters_get_distinct_files()
    {
        // Roslyn compares hint names ignoring case, and a hint name keeps only letters, digits, '_', '.' and '`':
        // NodePtr/nodePtr and P_1/P\u203F1 (an identifier may hold connecting punctuation) each map to one name.
        const string Source = """
            using TaggedPtr;

            namespace A
            {
                [TaggedPointer(typeof(long))] public readonly partial struct NodePtr { }
                [TaggedPointer(typeof(long))] public readonly partial struct nodePtr { }
                [TaggedPointer<long>] public readonly partial struct NODEPTR { }
                [TaggedPointer(typeof(long))] public readonly partial struct P_1 { }
                [TaggedPointer(typeof(long))] public readonly partial struct P\u203F1 { }
                [TaggedPointer(typeof(long))] public readonly partial struct Other { }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertClean();

        string[] names = run.Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(6, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("A.Other.g.cs", names);
        Assert.All(
            names.Where(n => n != "A.Other.g.cs"),
            n => Assert.Matches("^A\\.(NodePtr|nodePtr|NODEPTR|P_1)-[0-9a-f]{16}\\.g\\.cs$", n));
        Assert.Equal(names, GeneratorHarness.Run(Source).Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Two_declarations_of_one_full_name_get_no_file_and_leave_the_others_alone()
    {
        // struct Twice and record struct Twice in one namespace: the compiler rejects the pair. Both reach the generator
        // with one full name, so both distinct hint names were equal too, and the second file threw (CS8785, found by
        // the fuzzer). Neither is generated now; the wrapper beside them is.
        const string Source = """
            using TaggedPtr;

            namespace A
            {
                [TaggedPointer(typeof(long))] public readonly partial record struct Twice;
                [TaggedPointer(typeof(int))] public partial struct Twice { }
                [TaggedPointer(typeof(long))] public readonly partial struct Other { }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.Equal(new[] { "A.Other.g.cs" }, run.Sources.Select(s => s.HintName).ToArray());
        Assert.Equal(new[] { "CS0261" }, run.Input.GetDeclarationDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToArray());
    }

    [Fact]
    public void A_type_named_in_lower_case_ascii_adds_no_warning_of_its_own()
    {
        // CS8981 warns at every declaration of such a name; the user's declaration has it, the generated one must not
        // add it again (found by the fuzzer, which fails on any warning in generated code).
        const string Source = """
            using TaggedPtr;

            namespace A
            {
                #pragma warning disable CS8981
                public partial class holder<t>
                {
                    [TaggedPointer(typeof(long))] public readonly partial struct headref { }
                }

                [TaggedPointer(typeof(long))] public readonly partial struct Upper { }
                #pragma warning restore CS8981
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal(2, run.Sources.Length);
        ImmutableHashSet<SyntaxTree> generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToImmutableHashSet();
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Location.SourceTree is { } tree && generated.Contains(tree));
        Assert.Contains("#pragma warning disable CS8981", run.Sources.Single(s => s.HintName.Contains("headref", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CS8981", run.Sources.Single(s => s.HintName == "A.Upper.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    // ForAttributeWithMetadataName matches attributes by file, not by declaration: the second part here carries
    // another attribute named TaggedPointer, and both parts reached the generator. Only the part with the attribute
    // counts; two equal models used to clash and leave the wrapper with no file (found by the fuzzer).
    [Fact]
    public void A_wrapper_declared_in_two_parts_of_one_file_gets_one_file()
    {
        const string Source = """
            using TaggedPtr;

            namespace Other
            {
                /// <summary>An unrelated attribute with the same simple name.</summary>
                public sealed class TaggedPointerAttribute : System.Attribute { }
            }

            namespace A
            {
                /// <summary>Part one.</summary>
                [TaggedPointer(typeof(long))]
                public readonly partial struct Twice { }

                /// <summary>Part two.</summary>
                [Other.TaggedPointer]
                public readonly partial struct Twice { }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal("A.Twice.g.cs", Assert.Single(run.Sources).HintName);
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    // A field-like instance event is state (TPTR0019); these events hold none, and the file compiles in C# 8, where
    // a constructor must assign every instance field.
    [Fact]
    public void Events_without_instance_state_are_allowed()
    {
        const string Source = """
            using System;
            using TaggedPtr;

            namespace A
            {
                /// <summary>A wrapper with events.</summary>
                [TaggedPointer(typeof(long))]
                public partial struct WithEvents
                {
                    /// <summary>Static, so not state.</summary>
                    public static event Action? Created;

                    /// <summary>Accessors written, so no backing field.</summary>
                    public event Action? Changed { add { Created += value; } remove { Created -= value; } }

                    /// <summary>Extern: the compiler makes its accessors, but no field.</summary>
                    #pragma warning disable CS0626
                    public extern event Action? Elsewhere;
                    #pragma warning restore CS0626
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source, Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8);

        Assert.Single(run.Sources);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    // record, required, file and scoped are contextual keywords that a type may only be named when escaped; the
    // generated file must escape them as the user did ("partial record struct record" does not parse; found by the
    // fuzzer).
    [Fact]
    public void Types_named_like_contextual_keywords_are_escaped()
    {
        const string Source = """
            using TaggedPtr;

            namespace A
            {
                #pragma warning disable CS8981, CS8860
                [TaggedPointer(typeof(long))] public readonly partial record struct @record { }
                [TaggedPointer(typeof(long))] public readonly partial struct @required { }
                public static partial class @file
                {
                    [TaggedPointer(typeof(long))] public readonly partial struct @scoped<@var> where @var : unmanaged { }
                }
                #pragma warning restore CS8981, CS8860
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal(3, run.Sources.Length);
        ImmutableHashSet<SyntaxTree> generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToImmutableHashSet();
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Location.SourceTree is { } tree && generated.Contains(tree));
        Assert.Contains("partial record struct @record", run.Sources.Single(s => s.HintName == "A.record.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Global_namespace_gets_no_namespace_declaration_and_a_plain_hint_name()
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.Get("GlobalNamespace").Source).AssertClean();

        Assert.Equal("GlobalPtr.g.cs", run.Sources.Single().HintName);
        Assert.DoesNotContain("namespace", run.SingleSource, StringComparison.Ordinal);
        Assert.DoesNotContain("<global namespace>", run.SingleSource, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Output_is_deterministic(string name)
    {
        string source = Scenarios.Get(name).Source;

        string first = GeneratorHarness.Run(source).SingleSource;
        string second = GeneratorHarness.Run(source).SingleSource;

        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Every_file_has_the_header_and_every_name_is_global_qualified(string name)
    {
        string text = GeneratorHarness.Run(Scenarios.Get(name).Source).SingleSource;
        string version = typeof(TaggedPointerGenerator).Assembly.GetName().Version!.ToString();

        Assert.StartsWith("// <auto-generated/>\n#nullable enable\n", text, StringComparison.Ordinal);
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"TaggedPtr.Generator\", \"{version}\")]", text, StringComparison.Ordinal);
        Assert.Contains("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]", text, StringComparison.Ordinal);
        Assert.Contains("[global::System.Diagnostics.DebuggerDisplay(\"{ToString(),nq}\")]", text, StringComparison.Ordinal);

        // Outside comments and string literals, every qualified name starts at global::.
        string code = Regex.Replace(text, "//.*|\"(?:[^\"\\\\]|\\\\.)*\"", string.Empty);
        foreach (Match match in Regex.Matches(code, @"(?<![:\w.])(System|TaggedPtr)\."))
        {
            Assert.Fail($"unqualified name at {match.Index}: {code.Substring(match.Index, 40)}");
        }
    }

    [Fact]
    public void Without_unsafe_code_allowed_nothing_is_generated_and_nothing_hides_the_analyzer()
    {
        // The wrapper exposes T*, so it needs AllowUnsafeBlocks. Generating it anyway would add CS0227, a declaration
        // error that makes the compiler skip analyzers, so the build would never show TPTR0018, which names the setting.
        var compilation = GeneratorHarness.Compile(new[] { Scenarios.Get("SingleTag").Source });
        GeneratorRun run = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithAllowUnsafe(false)));

        Assert.Empty(run.Sources);
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.CompilationProblems, d => d.Id == "CS0227");

        GeneratorRun allowed = GeneratorHarness.Run(compilation);
        Assert.Single(allowed.Sources);
    }

    [Fact]
    public void Generated_code_version_is_read_from_the_generator_assembly()
    {
        Assert.Equal(typeof(TaggedPointerGenerator).Assembly.GetName().Version!.ToString(), Emitter.Version);
        Assert.NotEqual("0.0.0.0", Emitter.Version);
    }

    [Fact]
    public void Generated_code_is_lean()
    {
        // Build time grows with generated text; Vogen emits about 780 lines a type. Stay under a quarter of that.
        foreach (Scenario scenario in Scenarios.All)
        {
            int lines = GeneratorHarness.Run(scenario.Source).SingleSource.Count(c => c == '\n');
            Assert.True(lines <= 195, $"{scenario.Name}: {lines} lines");
        }
    }
}
