using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Flow;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Flow;

/// <summary>
/// The scans' walk against Roslyn's own <c>DescendantsAndSelf</c>: the same operations, each once, on bodies with every
/// kind of nesting; nested and abandoned walks leave the thread's stacks usable.
/// </summary>
public sealed class OperationWalkTests
{
    private const string Source = """
        using System;
        using System.Linq;

        public static class Subject
        {
            public static int Mixed(int[] values, bool flag)
            {
                int sum = 0;
                foreach (int value in values)
                {
                    sum += flag ? value * 2 : value switch { 1 => 10, _ => value };
                }

                Func<int, int> twice = x => x * 2;
                int Local(int y) { return y + sum; }
                var pair = (First: sum, Second: Local(3));
                try { sum = checked(sum + twice(pair.Second)); } catch (OverflowException) { sum = -1; } finally { sum++; }
                return values.Where(v => v > 0).Select(v => new { v, Twice = twice(v) }).Sum(a => a.Twice) + sum;
            }

            public static string Text(object o) => o is string { Length: > 3 } s ? $"{s}:{s.Length}" : o?.ToString() ?? "";
        }
        """;

    [Fact]
    public void It_visits_exactly_what_DescendantsAndSelf_visits()
    {
        foreach (IOperation body in Bodies())
        {
            var expected = body.DescendantsAndSelf().ToList();
            var visited = new List<IOperation>();
            foreach (IOperation operation in OperationWalk.Of(body))
            {
                visited.Add(operation);
            }

            Assert.True(expected.Count > 10);
            Assert.Equal(expected.Count, visited.Count);
            Assert.Equal(expected.ToHashSet(), visited.ToHashSet());
            // Parents before children.
            var seen = new HashSet<IOperation>();
            foreach (IOperation operation in visited)
            {
                Assert.True(operation == body || seen.Contains(operation.Parent!));
                seen.Add(operation);
            }
        }
    }

    [Fact]
    public void Without_nested_functions_it_stops_at_lambdas_and_local_functions()
    {
        foreach (IOperation body in Bodies())
        {
            var visited = new List<IOperation>();
            foreach (IOperation operation in OperationWalk.Of(body, enterNestedFunctions: false))
            {
                visited.Add(operation);
            }

            IOperation[] functions = body.DescendantsAndSelf().Where(o => o.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction).ToArray();
            var inside = functions.SelectMany(f => f.ChildOperations.SelectMany(c => c.DescendantsAndSelf())).ToHashSet();
            Assert.All(functions, f => Assert.Contains(f, visited));
            Assert.DoesNotContain(visited, inside.Contains);
            Assert.Equal(body.DescendantsAndSelf().Count(o => !inside.Contains(o)), visited.Count);
        }
    }

    [Fact]
    public void Nested_and_abandoned_walks_leave_every_later_walk_complete()
    {
        IOperation body = Bodies().First();
        int total = body.DescendantsAndSelf().Count();
        for (int round = 0; round < 3; round++)
        {
            int outer = 0;
            foreach (IOperation operation in OperationWalk.Of(body))
            {
                outer++;
                int inner = 0;
                foreach (IOperation _ in OperationWalk.Of(operation))
                {
                    inner++;
                }

                Assert.Equal(operation.DescendantsAndSelf().Count(), inner);
                // An abandoned walk (a scan that found what it looked for) returns its stack half full.
                foreach (IOperation _ in OperationWalk.Of(body))
                {
                    break;
                }
            }

            Assert.Equal(total, outer);
        }
    }

    private static IEnumerable<IOperation> Bodies()
    {
        Compilation compilation = AnalyzerHarness.Compile(TestReferences.All, Source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SemanticModel model = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(method => model.GetOperation(method)!)
            .ToList();
    }
}
