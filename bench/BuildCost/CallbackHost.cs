using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TaggedPtr.BuildCost;

// Rules for analyzers that ship do not apply: these contexts are created by the harness and never by a compiler.
#pragma warning disable RS1041, RS1036, RS2008

// The contexts' public constructors are obsolete for analyzers' own code; a host is what they are for.
#pragma warning disable CS0618

/// <summary>
/// Runs analyzers' callbacks without Roslyn's driver, over operation trees built once up front, and times only the
/// callbacks. Everything the driver and the binder do (and the garbage they leave) stays outside the clock, so the same
/// analyzers give the same figure run after run, which a whole analysis pass on a shared machine does not: this is the
/// figure to optimise the analyzers against. It covers what TaggedPtr's analyzers register: compilation-start,
/// operation-block, operation and symbol actions.
/// </summary>
internal sealed class CallbackHost
{
    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options = new(ImmutableArray<AdditionalText>.Empty);
    private readonly List<(ISymbol Owner, ImmutableArray<IOperation> Blocks, ILookup<OperationKind, IOperation> Operations)> _bodies = new();
    private readonly List<INamedTypeSymbol> _types = new();

    public CallbackHost(Compilation compilation, Func<SyntaxTree, bool> isGenerated)
    {
        _compilation = compilation;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            // Generated bodies are left out: the analyzers return at once on them (IsGeneratedCode), which the contexts
            // built here could not tell them.
            if (isGenerated(tree))
            {
                continue;
            }

            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax when model.GetDeclaredSymbol(node) is { } method && model.GetOperation(node) is { } body:
                        ImmutableArray<IOperation> blocks = body switch
                        {
                            IMethodBodyOperation m => Blocks(m.BlockBody, m.ExpressionBody),
                            IConstructorBodyOperation c => Blocks(c.Initializer, c.BlockBody, c.ExpressionBody),
                            _ => ImmutableArray.Create(body),
                        };
                        // Grouped by kind here, off the clock: the driver's dispatch to operation actions is not theirs.
                        _bodies.Add((method, blocks, blocks.SelectMany(b => b.DescendantsAndSelf()).ToLookup(o => o.Kind)));
                        break;
                    case BaseTypeDeclarationSyntax when model.GetDeclaredSymbol(node) is INamedTypeSymbol type:
                        _types.Add(type);
                        break;
                }
            }
        }

        // Every operation object was built above (the driver builds them before the callbacks run, outside their
        // time); what the getters compute lazily is computed now too.
        foreach ((_, _, ILookup<OperationKind, IOperation> operations) in _bodies)
        {
            foreach (IOperation operation in operations.SelectMany(group => group))
            {
                _ = operation.Type;
                _ = operation.ConstantValue;
            }
        }
    }

    public int Bodies => _bodies.Count;

    /// <summary>Bytes each analyzer allocated in the last <see cref="Run(IReadOnlyList{DiagnosticAnalyzer}, List{Diagnostic})"/>.</summary>
    public Dictionary<string, long> Allocated { get; } = new(StringComparer.Ordinal);

    private static ImmutableArray<IOperation> Blocks(params IOperation?[] blocks) => blocks.OfType<IOperation>().ToImmutableArray();

    /// <summary>One pass of each analyzer over every body: milliseconds inside its callbacks, and what it reported.</summary>
    public Dictionary<string, double> Run(IReadOnlyList<DiagnosticAnalyzer> analyzers, List<Diagnostic> reported)
    {
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        Allocated.Clear();
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            times[analyzer.GetType().Name] = Run(analyzer, reported);
            Allocated[analyzer.GetType().Name] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return times;
    }

    private double Run(DiagnosticAnalyzer analyzer, List<Diagnostic> reported)
    {
        var registrations = new Registrations();
        analyzer.Initialize(new HostAnalysisContext(registrations));
        ImmutableHashSet<string> supported = analyzer.SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet();
        Func<Diagnostic, bool> isSupported = d => supported.Contains(d.Id);
        Action<Diagnostic> report = reported.Add;
        var clock = new Stopwatch();

        clock.Start();
        foreach (Action<CompilationStartAnalysisContext> start in registrations.CompilationStart)
        {
            start(new HostCompilationStartContext(_compilation, _options, registrations));
        }

        foreach (INamedTypeSymbol type in _types)
        {
            foreach ((Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> kinds) in registrations.Symbol)
            {
                if (kinds.Contains(SymbolKind.NamedType))
                {
                    action(new SymbolAnalysisContext(type, _compilation, _options, report, isSupported, CancellationToken.None));
                }
            }
        }

        // The contexts build a block's graph themselves (ControlFlowGraph.Create on its root) on every request, where the
        // driver builds one per body and shares it: bodies that need a graph cost more here than in a build.
        foreach ((ISymbol owner, ImmutableArray<IOperation> blocks, ILookup<OperationKind, IOperation> operations) in _bodies)
        {
            foreach ((Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> kinds) in registrations.Operation)
            {
                foreach (OperationKind kind in kinds)
                {
                    foreach (IOperation operation in operations[kind])
                    {
                        action(new OperationAnalysisContext(operation, owner, _compilation, _options, report, isSupported, CancellationToken.None));
                    }
                }
            }

            foreach (Action<OperationBlockAnalysisContext> action in registrations.OperationBlock)
            {
                action(new OperationBlockAnalysisContext(blocks, owner, _compilation, _options, report, isSupported, CancellationToken.None));
            }
        }

        clock.Stop();
        return clock.Elapsed.TotalMilliseconds;
    }

    private sealed class Registrations
    {
        public List<Action<CompilationStartAnalysisContext>> CompilationStart { get; } = new();

        public List<Action<OperationBlockAnalysisContext>> OperationBlock { get; } = new();

        public List<(Action<OperationAnalysisContext>, ImmutableArray<OperationKind>)> Operation { get; } = new();

        public List<(Action<SymbolAnalysisContext>, ImmutableArray<SymbolKind>)> Symbol { get; } = new();
    }

    private sealed class HostAnalysisContext : AnalysisContext
    {
        private readonly Registrations _registrations;

        public HostAnalysisContext(Registrations registrations) => _registrations = registrations;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => _registrations.CompilationStart.Add(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _registrations.OperationBlock.Add(action);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _registrations.Operation.Add((action, operationKinds));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            _registrations.Symbol.Add((action, symbolKinds));

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void EnableConcurrentExecution()
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private sealed class HostCompilationStartContext : CompilationStartAnalysisContext
    {
        private readonly Registrations _registrations;

        public HostCompilationStartContext(Compilation compilation, AnalyzerOptions options, Registrations registrations)
            : base(compilation, options, CancellationToken.None) => _registrations = registrations;

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _registrations.OperationBlock.Add(action);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _registrations.Operation.Add((action, operationKinds));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            _registrations.Symbol.Add((action, symbolKinds));

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private static NotSupportedException Unsupported() => new("The callback host runs only the actions TaggedPtr's analyzers register.");
}
