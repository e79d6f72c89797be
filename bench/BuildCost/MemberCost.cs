using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TaggedPtr.BuildCost;

/// <summary>One generated member's share of the compile: the difference the compile makes without it.</summary>
/// <param name="Member">The member, with the wrapper's own name written <c>Self</c>.</param>
/// <param name="RemovedWith">Members that had to go too because they use it (the compile fails otherwise).</param>
/// <param name="AllocatedKbPerWrapper">Bytes the compile allocates less without it, per wrapper, in KB.</param>
internal sealed record MemberCostRow(string Member, string[] RemovedWith, double AllocatedKbPerWrapper);

/// <summary>The <c>members</c> phase's result.</summary>
/// <param name="Wrappers">Wrappers compiled per repetition.</param>
/// <param name="Repetitions">Compiles of the whole wrapper against none, and of the stripped wrapper against none,
/// alternating in pairs (the fastest and the fewest bytes count); each one-member variant is compiled twice, for its
/// bytes.</param>
/// <param name="GeneratedMembers">Members the generator declares in one wrapper.</param>
/// <param name="WrapperAllocatedKb">What one wrapper's generated code adds to the compile's allocations, in KB.</param>
/// <param name="WrapperMs">What one wrapper's generated code adds to the compile's time, in ms.</param>
/// <param name="BareAllocatedKb">The same for a wrapper stripped to its storage field and private constructor: the
/// cost of the type and its file, which no member count changes.</param>
/// <param name="BareMs">Time of that stripped wrapper.</param>
/// <param name="Rows">One row per member, largest allocation first.</param>
internal sealed record MemberCostResult(
    int Wrappers,
    int Repetitions,
    int GeneratedMembers,
    double WrapperAllocatedKb,
    double WrapperMs,
    double BareAllocatedKb,
    double BareMs,
    List<MemberCostRow> Rows);

/// <summary>
/// What each generated member of the issue's wrapper costs the C# compiler, measured in process on the packed
/// generator's real output: the synthetic declarations are compiled (parse, bind, emit with a portable PDB, as
/// <c>dotnet build</c> does, on one thread) with the generated files as they are, without any generated file, and
/// without one member at a time. Allocated bytes are the steady measure on a shared machine; times are the fastest of
/// the repetitions and still move with the machine's load, so only whole wrappers are timed. The build-growth goal of issue 4 is a wall
/// clock, so this phase explains that figure, it does not replace it.
/// </summary>
internal static class MemberCost
{
    // The wrapper's own type name, which differs per declaration, becomes Self so that members line up across wrappers.
    private static readonly Regex WrapperName = new(@"\bNodePtr\d+\b", RegexOptions.CultureInvariant);

    public static MemberCostResult Run(Workspace workspace, int count, int repetitions)
    {
        string package = workspace.TaggedPtrPackage;
        Assembly generator = Components.From("taggedptr-members", Path.Combine(package, "analyzers", "dotnet", "cs")).Load("TaggedPtr.Generator.dll");
        IReadOnlyList<MetadataReference> references = Roslyn.References(Path.Combine(package, "lib", "net10.0", "TaggedPtr.Runtime.dll"));

        // Encoded texts, as csc reads files: emitting a PDB needs them.
        SyntaxTree[] declarations = Synthetic.Sources(Flavor.TaggedPtr, count)
            .Select(file => Parse(file.Value, Path.Combine("/synthetic", file.Key)))
            .ToArray();
        CSharpCompilation compilation = Roslyn.Compilation("Members", declarations, references);
        CSharpGeneratorDriver.Create(Components.Generators(generator), parseOptions: Roslyn.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation withGenerated, out _);
        SyntaxTree[] generated = withGenerated.SyntaxTrees.Except(declarations).ToArray();
        if (generated.Length != count)
        {
            throw new InvalidOperationException($"the generator produced {generated.Length} files for {count} declarations");
        }

        string[] members = Members(generated[0]).Select(Key).Distinct(StringComparer.Ordinal).ToArray();
        Console.WriteLine($"  {count} wrappers, {members.Length} generated members each; {repetitions} compiles per variant");

        (Measurement all, Measurement none) = MeasurePair(declarations, generated, Array.Empty<SyntaxTree>(), references, repetitions);
        double wrapperKb = (all.Bytes - none.Bytes) / 1024.0 / count;
        double wrapperMs = (all.Ms - none.Ms) / count;
        Console.WriteLine($"  generated code per wrapper: {Stats.Ms(wrapperKb)} KB, {Stats.Ms(wrapperMs)} ms");

        // The storage field and the constructor that fills it are what every other member is built on.
        string[] removable = members.Where(m => m != "field _value" && m != "ctor(ulong)").ToArray();
        HashSet<string> bareSet = Closure(removable, generated[0], declarations, references);
        // Timed next to the empty variant again (not against the first pair's): the machine's load drifts.
        (Measurement bare, Measurement empty) = MeasurePair(declarations, Without(generated, bareSet), Array.Empty<SyntaxTree>(), references, repetitions);
        double bareKb = (bare.Bytes - empty.Bytes) / 1024.0 / count;
        double bareMs = (bare.Ms - empty.Ms) / count;
        Console.WriteLine($"  stripped to the storage field and the private constructor: {Stats.Ms(bareKb)} KB, {Stats.Ms(bareMs)} ms");

        var rows = new List<MemberCostRow>();
        var measured = new List<HashSet<string>>();
        foreach (string member in removable)
        {
            HashSet<string> removed = Closure(new[] { member }, generated[0], declarations, references);
            // Operators that C# requires in pairs remove the same set: one row for both.
            if (measured.Any(set => set.SetEquals(removed)))
            {
                continue;
            }

            measured.Add(removed);
            // Bytes only: one member's time (about 1/30 of the wrapper's) is below what this machine's load moves
            // a compile by, while its bytes repeat to the KB on a single-threaded compile. The fewest of two compiles,
            // as for the whole wrapper.
            SyntaxTree[] variant = Without(generated, removed);
            Measurement first = Measure(declarations, variant, references);
            Measurement second = Measure(declarations, variant, references);
            var without = new Measurement(Math.Min(first.Ms, second.Ms), Math.Min(first.Bytes, second.Bytes));
            var row = new MemberCostRow(
                member,
                removed.Where(m => m != member).OrderBy(m => m, StringComparer.Ordinal).ToArray(),
                (all.Bytes - without.Bytes) / 1024.0 / count);
            Console.WriteLine($"  {row.Member}{(row.RemovedWith.Length > 0 ? " (with " + string.Join(", ", row.RemovedWith) + ")" : "")}: {Stats.Ms(row.AllocatedKbPerWrapper)} KB");
            rows.Add(row);
        }

        rows.Sort((a, b) => b.AllocatedKbPerWrapper.CompareTo(a.AllocatedKbPerWrapper));
        return new MemberCostResult(count, repetitions, members.Length, wrapperKb, wrapperMs, bareKb, bareMs, rows);
    }

    private readonly record struct Measurement(double Ms, long Bytes);

    // The two variants alternate, one untimed round first (so neither pays alone for JIT work); the fastest time and
    // the fewest bytes of each count.
    private static (Measurement First, Measurement Second) MeasurePair(SyntaxTree[] declarations, IReadOnlyList<SyntaxTree> first, IReadOnlyList<SyntaxTree> second, IReadOnlyList<MetadataReference> references, int repetitions)
    {
        var a = new Measurement(double.MaxValue, long.MaxValue);
        var b = new Measurement(double.MaxValue, long.MaxValue);
        for (int r = -1; r < repetitions; r++)
        {
            Measurement x = Measure(declarations, first, references);
            Measurement y = Measure(declarations, second, references);
            if (r >= 0)
            {
                a = new Measurement(Math.Min(a.Ms, x.Ms), Math.Min(a.Bytes, x.Bytes));
                b = new Measurement(Math.Min(b.Ms, y.Ms), Math.Min(b.Bytes, y.Bytes));
            }
        }

        return (a, b);
    }

    private static Measurement Measure(SyntaxTree[] declarations, IReadOnlyList<SyntaxTree> generated, IReadOnlyList<MetadataReference> references)
    {
        string[] texts = generated.Select(tree => tree.GetText().ToString()).ToArray();
        string[] paths = generated.Select(tree => tree.FilePath).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        IEnumerable<SyntaxTree> trees = texts.Select((text, i) => Parse(text, paths[i]));
        // Single-threaded, so that the bytes are the compile's own and repeat from one run to the next.
        CSharpCompilation compilation = Roslyn.Compilation("Members", declarations.Concat(trees), references);
        compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        using var peStream = new MemoryStream();
        using var pdbStream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(peStream, pdbStream);
        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        if (!result.Success)
        {
            throw new InvalidOperationException("a measured variant does not compile: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        }

        return new Measurement(clock.Elapsed.TotalMilliseconds, allocated);
    }

    // Removing a member other members use breaks the compile; the members that report errors go too (and an interface
    // left without its implementation), until one wrapper compiles again. A removal that still compiles because a
    // caller binds to another overload (== and != fall back to Equals(object) without Equals(Self)) is measured as
    // that compile.
    private static HashSet<string> Closure(IEnumerable<string> start, SyntaxTree sample, SyntaxTree[] declarations, IReadOnlyList<MetadataReference> references)
    {
        var removed = new HashSet<string>(start, StringComparer.Ordinal);
        // The sample's own declaration and the shared files (Node.cs, Unrelated.cs) are enough to compile it.
        SyntaxTree[] oneDeclaration = declarations.Where(tree =>
        {
            string name = Path.GetFileNameWithoutExtension(tree.FilePath);
            return !WrapperName.IsMatch(name) || sample.FilePath.EndsWith($".{name}.g.cs", StringComparison.Ordinal);
        }).ToArray();
        for (int round = 0; round < 10; round++)
        {
            SyntaxTree variant = Without(new[] { sample }, removed)[0];
            CSharpCompilation compilation = Roslyn.Compilation("Closure", oneDeclaration.Append(variant), references);
            Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length == 0)
            {
                return removed;
            }

            int before = removed.Count;
            foreach (Diagnostic error in errors.Where(e => e.Location.SourceTree == variant))
            {
                SyntaxNode node = variant.GetRoot().FindNode(error.Location.SourceSpan);
                // An interface whose members are gone goes with them (IEquatable<Self> without Equals(Self)).
                if (node.AncestorsAndSelf().OfType<BaseTypeSyntax>().FirstOrDefault() is { } baseType)
                {
                    removed.Add(Key(baseType));
                }
                else if (node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m.Parent is TypeDeclarationSyntax) is { } member)
                {
                    removed.Add(Key(member));
                }
            }

            if (removed.Count == before)
            {
                throw new InvalidOperationException($"removing {string.Join(", ", removed)} leaves an error no member removal fixes: {errors[0]}");
            }
        }

        throw new InvalidOperationException("no closure after 10 rounds: " + string.Join(", ", removed));
    }

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), Roslyn.ParseOptions, path);

    private static SyntaxTree[] Without(IReadOnlyList<SyntaxTree> trees, HashSet<string> removed) =>
        trees.Select(tree =>
        {
            SyntaxNode root = tree.GetRoot();
            SyntaxNode[] doomed = Members(tree).Where(m => removed.Contains(Key(m)))
                .Concat<SyntaxNode>(root.DescendantNodes().OfType<BaseTypeSyntax>().Where(b => removed.Contains(Key(b))))
                .ToArray();
            root = root.RemoveNodes(doomed, SyntaxRemoveOptions.KeepNoTrivia)!;
            // A base list left empty would not parse back: drop the colon with it.
            BaseListSyntax[] empty = root.DescendantNodes().OfType<BaseListSyntax>().Where(list => list.Types.Count == 0).ToArray();
            root = root.RemoveNodes(empty, SyntaxRemoveOptions.KeepNoTrivia)!;
            return tree.WithRootAndOptions(root, tree.Options);
        }).ToArray();

    private static IEnumerable<MemberDeclarationSyntax> Members(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().SelectMany(type => type.Members).Where(m => m is not BaseTypeDeclarationSyntax);

    private static string Key(MemberDeclarationSyntax member)
    {
        string key = member switch
        {
            FieldDeclarationSyntax field => "field " + string.Join(", ", field.Declaration.Variables.Select(v => v.Identifier.Text)),
            ConstructorDeclarationSyntax constructor => "ctor" + Parameters(constructor.ParameterList),
            MethodDeclarationSyntax method => method.Identifier.Text + Parameters(method.ParameterList),
            PropertyDeclarationSyntax property => property.Identifier.Text,
            OperatorDeclarationSyntax op => "operator " + op.OperatorToken.Text,
            ConversionOperatorDeclarationSyntax conversion => $"{conversion.ImplicitOrExplicitKeyword.Text} operator {TypeName(conversion.Type)}{Parameters(conversion.ParameterList)}",
            _ => member.Kind().ToString(),
        };
        return WrapperName.Replace(key, "Self");
    }

    private static string Key(BaseTypeSyntax baseType) => WrapperName.Replace("base " + TypeName(baseType.Type), "Self");

    private static string Parameters(ParameterListSyntax parameters) =>
        "(" + string.Join(", ", parameters.Parameters.Select(p => p.Type is null ? "" : TypeName(p.Type))) + ")";

    private static string TypeName(TypeSyntax type) => type.ToString().Replace("global::", "", StringComparison.Ordinal);
}
