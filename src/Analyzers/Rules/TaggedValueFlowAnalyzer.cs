using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Flow;
using TaggedPtr.Analyzers.Symbols;

namespace TaggedPtr.Analyzers.Rules;

/// <summary>
/// TPTR0001/TPTR0002: a tagged value reaches an <c>[SvaBound]</c> parameter, field or property; TPTR0008: the raw bits
/// of a tagged pointer are dereferenced. Both come from one intra-procedural taint analysis over the control-flow graph
/// of each body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaggedValueFlowAnalyzer : DiagnosticAnalyzer
{
    private readonly bool _screen;

    /// <summary>The analyzer as shipped: bodies that cannot report are screened out before a graph is built.</summary>
    public TaggedValueFlowAnalyzer()
        : this(screen: true)
    {
    }

    /// <summary>Tests turn the screen off to prove it never hides a diagnostic.</summary>
    internal TaggedValueFlowAnalyzer(bool screen) => _screen = screen;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TaggedValueToDevice,
        DiagnosticDescriptors.TaggedValueToDeviceUnderCoexistence,
        DiagnosticDescriptors.RawBitsDereferenced);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed (each callback checks IsGeneratedCode; see GeneratedCodeAnalysis): the
        // generator's own wrappers mask bits on purpose, and users cannot act on a report inside a file they do not own.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysis.Flags);
        context.EnableConcurrentExecution();
        KnownSymbols.WhenRuntimeIsReferenced(context, (start, symbols) =>
        {
            start.RegisterOperationBlockAction(block => AnalyzeBlocks(block, symbols, _screen));
        });
    }

    private static void AnalyzeBlocks(OperationBlockAnalysisContext context, KnownSymbols symbols, bool screen)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        foreach (IOperation block in context.OperationBlocks)
        {
            if (!HasGraph(Root(block)))
            {
                continue;
            }

            // Without a value of a tagged-pointer type there is no source, so most bodies never pay for a graph.
            BodySurvey survey = BodySurvey.Of(block, symbols, context.CancellationToken);
            if (survey.Sources == 0 || (screen && !survey.MovesBits && !TaintAnalysis.MayReport(block, symbols, survey.Sources, context.OwningSymbol)))
            {
                continue;
            }

            var reporter = new Reporter(context, symbols);
            // A method body with one path is walked in tree order: the graph would add nothing but its cost. (The
            // screen still goes first: it keeps no state, and costs less than this exact walk on bodies that cannot report.)
            if (screen && block is IBlockOperation { Parent: IMethodBodyOperation } body && StraightLine.IsForTaint(body))
            {
                TaintAnalysis.RunInOrder(body, symbols, reporter, context.OwningSymbol);
                continue;
            }

            ControlFlowGraph graph = context.GetControlFlowGraph(block);
            TaintAnalysis.Run(graph, symbols, reporter, context.OwningSymbol, context.CancellationToken);
        }
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    // ControlFlowGraph.Create accepts only these roots (attribute arguments and the like have no graph).
    private static bool HasGraph(IOperation block) => block.Kind is OperationKind.Block or OperationKind.MethodBody or OperationKind.ConstructorBody
        or OperationKind.FieldInitializer or OperationKind.PropertyInitializer or OperationKind.ParameterInitializer;

    private sealed class Reporter : ITaintObserver
    {
        private readonly OperationBlockAnalysisContext _context;
        private readonly KnownSymbols _symbols;

        public Reporter(OperationBlockAnalysisContext context, KnownSymbols symbols)
        {
            _context = context;
            _symbols = symbols;
        }

        public void OnSink(IOperation value, ulong mask, ISymbol sink, ISymbol? scope)
        {
            if (mask == 0)
            {
                return;
            }

            DiagnosticDescriptor descriptor = _symbols.IsCoexistenceDeclared(scope)
                ? DiagnosticDescriptors.TaggedValueToDeviceUnderCoexistence
                : DiagnosticDescriptors.TaggedValueToDevice;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.UntagFix, UntagFixFor(value))
                .Add(DiagnosticProperties.TagMask, mask.ToString("X16", CultureInfo.InvariantCulture));
            SyntaxNode syntax = value.Syntax;
            while (syntax.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                syntax = parenthesized;
            }

            _context.ReportDiagnostic(Diagnostic.Create(descriptor, syntax.GetLocation(), properties, SinkKind(sink), SinkName(sink)));
        }

        public void OnDereference(IOperation pointer, ulong mask, IOperation dereference)
        {
            SyntaxNode syntax = dereference.Syntax;
            if (dereference.IsImplicit && syntax.Parent is MemberAccessExpressionSyntax member)
            {
                syntax = member;
            }
            else if (dereference is IInvocationOperation or IObjectCreationOperation)
            {
                syntax = pointer.Syntax;
            }

            _context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RawBitsDereferenced, syntax.GetLocation(), Shorten(syntax.ToString())));
        }

        private string UntagFixFor(IOperation value)
        {
            IOperation unwrapped = value;
            while (unwrapped is IConversionOperation { IsImplicit: true } conversion)
            {
                unwrapped = conversion.Operand;
            }

            if (ReadsRawValue(unwrapped))
            {
                return DiagnosticProperties.UntagFixRawValue;
            }

            if (_symbols.IsTaggedPointerType(unwrapped.Type))
            {
                return DiagnosticProperties.UntagFixUntagged;
            }

            return unwrapped.Type is IPointerTypeSymbol || unwrapped.Type?.SpecialType is SpecialType.System_UInt64 or SpecialType.System_Int64
                or SpecialType.System_UIntPtr or SpecialType.System_IntPtr
                ? DiagnosticProperties.UntagFixMask
                : DiagnosticProperties.UntagFixNone;
        }

        // Not into a ?: : the graph turns one into a capture whose reference has no children, and a body walked in tree
        // order must offer the fix the graph would. A loop, not a recursion: the value may be a sum thousands deep.
        private bool ReadsRawValue(IOperation operation)
        {
            var pending = new Stack<IOperation>();
            pending.Push(operation);
            while (pending.Count > 0)
            {
                IOperation current = pending.Pop();
                if (current is IPropertyReferenceOperation { Property.Name: "RawValue", Instance: { } instance } && _symbols.IsTaggedPointerType(instance.Type))
                {
                    return true;
                }

                if (current is not IConditionalOperation)
                {
                    foreach (IOperation child in current.ChildOperations)
                    {
                        pending.Push(child);
                    }
                }
            }

            return false;
        }

        private static string SinkKind(ISymbol sink) => sink switch
        {
            IParameterSymbol => "parameter",
            IFieldSymbol => "field",
            _ => "property",
        };

        private static string SinkName(ISymbol sink) => sink switch
        {
            IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter =>
                constructor.ContainingType.Name + "(" + parameter.Name + ")",
            IParameterSymbol { ContainingSymbol: { } method } parameter =>
                (method.ContainingType is { } type ? type.Name + "." : string.Empty) + method.Name + "(" + parameter.Name + ")",
            _ => (sink.ContainingType is { } owner ? owner.Name + "." : string.Empty) + sink.Name,
        };

        private static string Shorten(string text)
        {
            text = text.Replace("\r", string.Empty).Replace("\n", " ");
            return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
        }
    }
}
