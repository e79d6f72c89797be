using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using TaggedPtr.Generator.Helpers;
using TaggedPtr.Generator.Model;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>The cached model compares by value and holds nothing from Roslyn that would root a compilation.</summary>
public sealed class ModelTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Model_holds_no_Roslyn_object(string name)
    {
        WrapperModel model = ModelOf(Scenarios.Get(name).Source);

        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(model, seen, "model");

        Assert.True(seen.Count > 5, "the walk visited too little to mean anything");
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Same_source_in_two_compilations_gives_equal_models(string name)
    {
        string source = Scenarios.Get(name).Source;

        WrapperModel first = ModelOf(source);
        WrapperModel second = ModelOf(source);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equivalent_sources_give_equal_models()
    {
        string source = Scenarios.Get("SingleTag").Source;
        string reformatted = source.Replace("    [TaggedPointer(typeof(Node))]", "    // a comment\n    [TaggedPointer( typeof( Node ) )]");

        Assert.Equal(ModelOf(source), ModelOf(reformatted));
    }

    [Theory]
    [InlineData("Bits = 5", "Bits = 4")]
    [InlineData("\"Version\"", "\"Epoch\"")]
    [InlineData("[TaggedPointer(typeof(Node))]", "[TaggedPointer(typeof(Node), Equality = TagEquality.AddressOnly)]")]
    [InlineData("public readonly partial struct", "public partial struct")]
    [InlineData("namespace Demo;", "namespace Demo.Other;")]
    [InlineData("LowTagField(\"Marked\", typeof(bool), Bits = 1)", "LowTagField(\"Marked\", typeof(bool), Bits = 1, Offset = 2)")]
    public void Relevant_changes_give_unequal_models(string from, string to)
    {
        string source = Scenarios.Get("IssueExample").Source;
        Assert.Contains(from, source, StringComparison.Ordinal);

        Assert.NotEqual(ModelOf(source), ModelOf(source.Replace(from, to)));
    }

    [Fact]
    public void Every_model_type_is_a_value_equatable_record()
    {
        Type[] types = { typeof(WrapperModel), typeof(HierarchyInfo), typeof(TypeDeclarationInfo), typeof(FieldModel) };
        foreach (Type type in types)
        {
            Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), type.Name);
            Assert.NotNull(type.GetMethod("<Clone>$") ?? type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance));
        }
    }

    [Fact]
    public void EquatableArray_compares_items_not_references()
    {
        var a = EquatableArray<string>.From(new[] { "x", "y" });
        var b = EquatableArray<string>.From(new List<string> { "x", "y" });
        var c = EquatableArray<string>.From(new[] { "y", "x" });

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.Equal(default(EquatableArray<string>), EquatableArray<string>.From(Array.Empty<string>()));
        Assert.Empty(default(EquatableArray<string>));
    }

    [Fact]
    public void Parser_honours_cancellation()
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.Get("IssueExample").Source);
        INamedTypeSymbol type = run.Input.GetTypeByMetadataName("Demo.NodePtr")!;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Parser.Parse(type, cancelled.Token));
        Assert.NotNull(Parser.Parse(type, CancellationToken.None));
    }

    [Fact]
    public void Emitter_honours_cancellation()
    {
        WrapperModel model = ModelOf(Scenarios.Get("IssueExample").Source);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Emitter.Emit(model, cancelled.Token));
    }

    [Fact]
    public void Driver_run_can_be_cancelled()
    {
        GeneratorRun run = GeneratorHarness.Run(Scenarios.Get("IssueExample").Source);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => GeneratorHarness.CreateDriver(GeneratorHarness.ParseOptions()).RunGenerators(run.Input, cancelled.Token));
    }

    private static WrapperModel ModelOf(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source).AssertClean();
        string step = run.Result.TrackedSteps.ContainsKey(TrackingNames.Wrappers) ? TrackingNames.Wrappers : TrackingNames.GenericWrappers;
        object value = run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Single().Value;
        return Assert.IsType<WrapperModel>(value);
    }

    // Fails on anything from a Microsoft.CodeAnalysis assembly (ISymbol, SyntaxNode, Location, Compilation, ...).
    private static void Walk(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(
            type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal),
            $"{path} is a {type.FullName}");
        Assert.False(value is ISymbol or SyntaxNode or Location or Compilation or SyntaxTree or SemanticModel, path);
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (type.IsValueType)
        {
            seen.Add(value);
        }

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                Walk(item, seen, $"{path}[{i++}]");
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            {
                return;
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), seen, path + "." + field.Name);
            }
        }
    }
}
