using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using TaggedPtr.Analyzers.Flow;
using TaggedPtr.Analyzers.Symbols;

namespace TaggedPtr.Analyzers.Rules;

/// <summary>
/// TPTR0004–TPTR0007: the order of enabling LAM, forcing LAM/SVA coexistence, binding devices and creating threads on
/// one address space within a method, checked in the kernel's own order so each call gets the errno the kernel would
/// return (<c>prctl_enable_tagged_addr</c>: PASID without force → EINVAL, then MM_CONTEXT_LOCK_LAM → EBUSY, then
/// nr_bits → EINVAL; <c>iommu_sva_bind_device</c>: LAM without force → EBUSY).
/// </summary>
/// <remarks>
/// "Same address space" is decided by the root symbol after stripping <c>.AddressSpace</c>, <c>.MainThread</c>,
/// <c>.Process</c>, <c>CreateThread()</c>, <c>Vfork()</c> and <c>Clone(CLONE_VM…)</c>, through locals assigned once.
/// Calls inside lambdas are not ordered against the enclosing method.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelOrderAnalyzer : DiagnosticAnalyzer
{
    private readonly bool _screen;

    /// <summary>The analyzer as shipped: bodies where no order mistake is possible get no graph.</summary>
    public KernelOrderAnalyzer()
        : this(screen: true)
    {
    }

    /// <summary>Tests turn the screen off to prove it never changes a diagnostic.</summary>
    internal KernelOrderAnalyzer(bool screen) => _screen = screen;

    private const int EnableTaggedAddr = 0x4002;
    private const int ForceTaggedSva = 0x4004;
    private const int LamU57Bits = 6;
    private const int CloneVm = 0x100;
    private const int CloneVfork = 0x4000;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.EnableAfterBind,
        DiagnosticDescriptors.BindAfterEnable,
        DiagnosticDescriptors.EnableWhenLocked,
        DiagnosticDescriptors.InvalidTagBitCount);

    private enum EventKind
    {
        Enable,
        Force,
        Bind,
        Thread,
        Exec,
    }

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed: it does not drive the simulated kernel, and a warning there is not actionable.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysis.Flags);
        context.EnableConcurrentExecution();
        KnownSymbols.WhenRuntimeIsReferenced(context, (start, symbols) =>
        {
            if (symbols.SimThread is null)
            {
                return;
            }

            start.RegisterOperationBlockAction(block => AnalyzeBlocks(block, symbols, _screen));
        });
    }

    private static void AnalyzeBlocks(OperationBlockAnalysisContext context, KnownSymbols symbols, bool screen)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        // A constructor's body and its initializer are separate blocks of one graph: each root is analyzed once, whole
        // (analyzing per block reported the body's findings twice and let the screen miss a thread created in the
        // initializer).
        // Nearly every callback has one root: a list is made only for a second one.
        IOperation? firstRoot = null;
        List<IOperation>? moreRoots = null;
        foreach (IOperation block in context.OperationBlocks)
        {
            IOperation root = block;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            if (root.Kind is not (OperationKind.Block or OperationKind.MethodBody or OperationKind.ConstructorBody) ||
                root == firstRoot || (moreRoots is not null && moreRoots.Contains(root)))
            {
                continue;
            }

            if (firstRoot is null)
            {
                firstRoot = root;
            }
            else
            {
                (moreRoots ??= new List<IOperation>()).Add(root);
            }

            if (screen && !SpellsAnEnable(root.Syntax, context.CancellationToken))
            {
                continue;
            }

            var walker = new Walker(symbols, context);
            if (!walker.NeedsGraph(root, screen))
            {
                continue;
            }

            // Straight-line code has one path, in the order of the tree: the graph would add nothing but its cost.
            IOperation? body = root switch
            {
                IBlockOperation whole => whole,
                IMethodBodyOperation { BlockBody: { } blockBody, ExpressionBody: null } => blockBody,
                IMethodBodyOperation { BlockBody: null, ExpressionBody: { } expressionBody } => expressionBody,
                _ => null,
            };
            if (screen && body is not null && StraightLine.Is(body))
            {
                walker.RunInOrder(body);
            }
            else
            {
                walker.Run(context.GetControlFlowGraph(block));
            }
        }
    }

    /// <summary>
    /// The names of the calls that enable LAM (<c>Classify</c> turns nothing else into <see cref="EventKind.Enable"/>).
    /// Every diagnostic here is about an enable in the same body: TPTR0004 an enable after a bind, TPTR0005 a bind after
    /// an enable, TPTR0006 an enable after a thread or another enable, TPTR0007 an enable's bit count. An enable is always
    /// a call spelled with one of these names (a call through a delegate is not classified), so a body that never
    /// spells one cannot report, and a token scan settles it without walking its operations.
    /// </summary>
    private static readonly ImmutableHashSet<string> EnableMethodNames = ImmutableHashSet.Create(StringComparer.Ordinal, "EnableTaggedAddresses", "ArchPrctl");

    // Bodies longer than this are copied into a buffer of their own: a thread of a long-lived host (the IDE) keeps
    // at most this much (128 KB) however large the largest body it ever scanned.
    private const int MaxCachedTextLength = 1 << 16;

    [ThreadStatic]
    private static char[]? t_text;

    /// <summary>
    /// True when the text of <paramref name="syntax"/> contains one of <see cref="EnableMethodNames"/>. It reads the
    /// tree's text rather than its tokens (enumerating tokens creates a node object for every node of the body); a
    /// match in a comment or a string only costs the walk it would have cost anyway. An identifier written with a
    /// Unicode escape does not match its text, so a body with a <c>\u</c> anywhere falls back to the tokens.
    /// </summary>
    private static bool SpellsAnEnable(SyntaxNode syntax, CancellationToken cancellationToken)
    {
        SourceText text = syntax.SyntaxTree.GetText(cancellationToken);
        TextSpan span = syntax.Span;
        char[] buffer = t_text is { } cached && cached.Length >= span.Length ? cached : new char[Math.Max(span.Length, 4096)];
        if (buffer.Length <= MaxCachedTextLength)
        {
            t_text = buffer;
        }

        text.CopyTo(span.Start, buffer, 0, span.Length);
        for (int i = 0; i < span.Length; i++)
        {
            switch (buffer[i])
            {
                case 'E' when Matches(buffer, i, span.Length, "EnableTaggedAddresses"):
                case 'A' when Matches(buffer, i, span.Length, "ArchPrctl"):
                    return true;
                case '\\' when i + 1 < span.Length && buffer[i + 1] is 'u' or 'U':
                    return SpellsAnEnableInTokens(syntax);
            }
        }

        return false;
    }

    private static bool Matches(char[] buffer, int at, int length, string name)
    {
        if (at + name.Length > length)
        {
            return false;
        }

        for (int i = 1; i < name.Length; i++)
        {
            if (buffer[at + i] != name[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool SpellsAnEnableInTokens(SyntaxNode syntax)
    {
        foreach (SyntaxToken token in syntax.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && EnableMethodNames.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKernelType(ITypeSymbol? type, KnownSymbols symbols) =>
        symbols.IsRuntimeType(type, "SimThread") || symbols.IsRuntimeType(type, "SvaDevice") || symbols.IsRuntimeType(type, "DsaWorkQueue");

    private sealed class Walker
    {
        private readonly KnownSymbols _symbols;
        private readonly OperationBlockAnalysisContext _context;
        // Made on the first local assignment seen: many bodies that call the kernel assign no local.
        private Dictionary<ILocalSymbol, IOperation?>? _singleAssignments;
        private Dictionary<CaptureId, IOperation?>? _captures;
        // The calls named in messages; created by the first call remembered, which most bodies never make. They hold
        // syntax, spelled out only when a message names it: spelling every enable, bind and clone made text for each.
        private Dictionary<ISymbol, SyntaxNode>? _lastBind;
        private Dictionary<ISymbol, SyntaxNode>? _lastEnable;
        private Dictionary<ISymbol, SyntaxNode>? _lastEnableReceiver;
        private Dictionary<ISymbol, SyntaxNode>? _lastThread;
        private bool _reporting;

        public Walker(KnownSymbols symbols, OperationBlockAnalysisContext context)
        {
            _symbols = symbols;
            _context = context;
        }

        /// <summary>
        /// The screen before any graph is built: collects the locals' assignments, and decides whether an order mistake
        /// is possible at all (some address space has two enables, or an enable and a bind or a new thread). When it is
        /// not, no call can have an earlier fact against it, so the kernel's answer depends only on the constant bit
        /// count: those are reported here and no graph is needed.
        /// </summary>
        public bool NeedsGraph(IOperation body, bool screen)
        {
            List<IInvocationOperation>? invocations = null;
            // Lambdas and local functions run at times this method does not order: they are not part of its sequence.
            foreach (IOperation operation in OperationWalk.Of(body, enterNestedFunctions: false))
            {
                _context.CancellationToken.ThrowIfCancellationRequested();
                // Kind before any interface test: this sees every operation of the body.
                switch (operation.Kind)
                {
                    case OperationKind.VariableDeclarator when operation is IVariableDeclaratorOperation { Initializer.Value: { } value } declarator:
                        Assigned(declarator.Symbol, value);
                        break;
                    case OperationKind.SimpleAssignment when operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                        Assigned(local.Local, assignment.Value);
                        break;
                    case OperationKind.Invocation when operation is IInvocationOperation invocation && IsKernelType(invocation.TargetMethod.ContainingType, _symbols):
                        (invocations ??= new List<IInvocationOperation>()).Add(invocation);
                        break;
                }
            }

            if (invocations is null || !screen)
            {
                return invocations is not null;
            }

            Dictionary<ISymbol, int>? enables = null;
            HashSet<ISymbol>? others = null;

            foreach (IInvocationOperation invocation in invocations)
            {
                (EventKind? kind, ISymbol? root, _) = Classify(invocation);
                if (root is null)
                {
                    continue;
                }

                if (kind == EventKind.Enable)
                {
                    enables ??= new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
                    enables[root] = enables.TryGetValue(root, out int count) ? count + 1 : 1;
                }
                else if (kind is EventKind.Bind or EventKind.Thread)
                {
                    (others ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(root);
                }
            }

            // (An enable whose address space is unknown counts nowhere here, but its bit count is still checked below.)
            if (enables is not null)
            {
                foreach (KeyValuePair<ISymbol, int> entry in enables)
                {
                    if (entry.Value > 1 || (others is not null && others.Contains(entry.Key)))
                    {
                        return true;
                    }
                }
            }

            _reporting = true;
            foreach (IInvocationOperation invocation in invocations)
            {
                (EventKind? kind, ISymbol? root, long? bits) = Classify(invocation);
                if (kind == EventKind.Enable)
                {
                    Enable(invocation, root, bits, KernelState.Empty());
                }
            }

            return false;
        }

        public void Run(ControlFlowGraph graph)
        {
            // The graph evaluates a receiver into a capture before an argument that branches (thread.Enable(c ? 6 : 0)
            // becomes capture #0 = thread, then the call on #0), and p?.X into a capture of p: the roots are looked up
            // through the captures of this graph.
            _captures = null;
            foreach (BasicBlock block in graph.Blocks)
            {
                foreach (IOperation operation in block.Operations)
                {
                    if (operation is IFlowCaptureOperation capture)
                    {
                        _captures ??= new Dictionary<CaptureId, IOperation?>();
                        // A capture written in two places (the result of a ?:) may hold either value: it names no root.
                        _captures[capture.Id] = _captures.ContainsKey(capture.Id) ? null : capture.Value;
                    }
                }
            }

            KernelState[] inputs = ForwardDataflow.Run(
                graph,
                KernelState.Empty(),
                Transfer,
                KernelState.Join,
                (left, right) => left.SameAs(right),
                _context.CancellationToken);
            _reporting = true;
            foreach (BasicBlock block in graph.Blocks)
            {
                Transfer(block, inputs[block.Ordinal]);
            }
        }

        /// <summary>
        /// The same analysis on a body with a single path (see <see cref="StraightLine"/>): its operations in tree order,
        /// children first, are the order the graph would give them.
        /// </summary>
        public void RunInOrder(IOperation body)
        {
            _reporting = true;
            Walk(body, KernelState.Empty());
        }

        // A local assigned twice may name two address spaces: it is its own root, never an alias.
        private void Assigned(ILocalSymbol local, IOperation value)
        {
            _singleAssignments ??= new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);
            _singleAssignments[local] = _singleAssignments.ContainsKey(local) ? null : value;
        }

        private KernelState Transfer(BasicBlock block, KernelState input)
        {
            KernelState state = input.Clone();
            foreach (IOperation operation in block.Operations)
            {
                Walk(operation, state);
            }

            if (block.BranchValue is { } branch)
            {
                Walk(branch, state);
            }

            return state;
        }

        // Children first: arguments are evaluated before the call they belong to.
        private void Walk(IOperation operation, KernelState state, int depth = 0)
        {
            if (operation.Kind is OperationKind.FlowAnonymousFunction or OperationKind.AnonymousFunction)
            {
                return;
            }

            if (depth > StackGuard.MaxUncheckedDepth && !StackGuard.HasRoom())
            {
                WalkOnEmptyStack(operation, state);
                return;
            }

            foreach (IOperation child in operation.ChildOperations)
            {
                Walk(child, state, depth + 1);
            }

            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    Apply((IInvocationOperation)operation, state);
                    break;
                case OperationKind.SimpleAssignment when operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } &&
                                                         _singleAssignments is not null &&
                                                         _singleAssignments.TryGetValue(local.Local, out IOperation? value) && value is null:
                    state.Reset(local.Local);
                    break;
            }
        }

        // See StackGuard: the rest of this subtree goes on from an empty stack, in the same order. A method of its own,
        // so Walk does not allocate the closure on every call.
        private void WalkOnEmptyStack(IOperation operation, KernelState state) =>
            StackGuard.RunOnEmptyStack(() =>
            {
                Walk(operation, state);
                return true;
            });

        private void Apply(IInvocationOperation invocation, KernelState state)
        {
            (EventKind? kind, ISymbol? root, long? bits) = Classify(invocation);
            switch (kind)
            {
                case EventKind.Enable:
                    Enable(invocation, root, bits, state);
                    break;
                case EventKind.Force:
                    Add(root, KernelFacts.Forced, state);
                    break;
                case EventKind.Bind:
                    Bind(invocation, root, ForceTargetOf(Argument(invocation, 0)), state);
                    break;
                case EventKind.Thread:
                    Thread(invocation, root, state);
                    break;
                case EventKind.Exec when root is not null:
                    state.Reset(root);
                    break;
            }
        }

        /// <summary>What a call does to which address space, and the constant bit count of an enable.</summary>
        /// <remarks>An enable is only ever recognised under a name in <see cref="EnableMethodNames"/>.</remarks>
        private (EventKind? Kind, ISymbol? Root, long? Bits) Classify(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol type = method.ContainingType;
            if ((_symbols.IsRuntimeType(type, "SvaDevice") && method.Name is "Bind" or "TryBind") ||
                (_symbols.IsRuntimeType(type, "DsaWorkQueue") && method.Name == "Open"))
            {
                return (EventKind.Bind, RootOf(Argument(invocation, 0), 0), null);
            }

            if (!_symbols.IsRuntimeType(type, "SimThread"))
            {
                return (null, null, null);
            }

            ISymbol? root = RootOf(invocation.Instance, 0);
            switch (method.Name)
            {
                case "EnableTaggedAddresses":
                    return (EventKind.Enable, root, Constant(Argument(invocation, 0)));
                case "ForceTaggedSva":
                    return (EventKind.Force, root, null);
                case "ArchPrctl" when method.Parameters.Length == 2 || Constant(Argument(invocation, 2)) is null or 0:
                    return Constant(Argument(invocation, 0)) switch
                    {
                        EnableTaggedAddr => (EventKind.Enable, root, Constant(Argument(invocation, 1))),
                        ForceTaggedSva => (EventKind.Force, root, null),
                        _ => (null, null, null),
                    };
                case "CreateThread":
                    return (EventKind.Thread, root, null);
                case "Clone" when Constant(Argument(invocation, 0)) is { } flags && (flags & CloneVm) != 0 && (flags & CloneVfork) == 0:
                    return (EventKind.Thread, root, null);
                case "Exec":
                    return (EventKind.Exec, root, null);
                default:
                    return (null, null, null);
            }
        }

        private void Enable(IInvocationOperation invocation, ISymbol? root, long? tagBits, KernelState state)
        {
            KernelFacts facts = root is null ? KernelFacts.None : state.Get(root);
            Diagnostic? diagnostic = null;
            if ((facts & KernelFacts.Bound) != 0 && (facts & KernelFacts.Forced) == 0)
            {
                diagnostic = Diagnostic.Create(
                    DiagnosticDescriptors.EnableAfterBind,
                    invocation.Syntax.GetLocation(),
                    ForceProperties(invocation.Instance is { } receiver ? receiver.Syntax.ToString() : null),
                    Describe(invocation.Syntax),
                    Remembered(_lastBind, root!, "a bind"));
            }
            else if ((facts & KernelFacts.Enabled) != 0)
            {
                diagnostic = Diagnostic.Create(
                    DiagnosticDescriptors.EnableWhenLocked, invocation.Syntax.GetLocation(), Describe(invocation.Syntax), "LAM was already enabled by '" + Remembered(_lastEnable, root!, "an earlier call") + "'");
            }
            else if ((facts & KernelFacts.Threaded) != 0)
            {
                diagnostic = Diagnostic.Create(
                    DiagnosticDescriptors.EnableWhenLocked, invocation.Syntax.GetLocation(), Describe(invocation.Syntax), "'" + Remembered(_lastThread, root!, "a clone") + "' made the address space multithreaded");
            }
            else if (tagBits is { } bits && (bits <= 0 || bits > LamU57Bits))
            {
                diagnostic = Diagnostic.Create(
                    DiagnosticDescriptors.InvalidTagBitCount, invocation.Syntax.GetLocation(), ((ulong)bits).ToString(CultureInfo.InvariantCulture));
            }

            Report(diagnostic);
            if (root is not null && (diagnostic is null || diagnostic.Id == DiagnosticIds.EnableWhenLocked))
            {
                state.Add(root, KernelFacts.Enabled);
                Remember(ref _lastEnable, root, invocation.Syntax);
                if (invocation.Instance is { } instance)
                {
                    Remember(ref _lastEnableReceiver, root, instance.Syntax);
                }
            }
        }

        private void Bind(IInvocationOperation invocation, ISymbol? root, string? forceTarget, KernelState state)
        {
            if (root is null)
            {
                return;
            }

            KernelFacts facts = state.Get(root);
            if ((facts & KernelFacts.Enabled) != 0 && (facts & KernelFacts.Forced) == 0)
            {
                if (forceTarget is null && _lastEnableReceiver is not null && _lastEnableReceiver.TryGetValue(root, out SyntaxNode? receiver))
                {
                    forceTarget = receiver.ToString();
                }

                Report(Diagnostic.Create(
                    DiagnosticDescriptors.BindAfterEnable,
                    invocation.Syntax.GetLocation(),
                    ForceProperties(forceTarget),
                    Describe(invocation.Syntax),
                    Remembered(_lastEnable, root, "an earlier call")));
                return;
            }

            state.Add(root, KernelFacts.Bound);
            Remember(ref _lastBind, root, invocation.Syntax);
        }

        private void Thread(IInvocationOperation invocation, ISymbol? root, KernelState state)
        {
            if (root is not null)
            {
                state.Add(root, KernelFacts.Threaded);
                Remember(ref _lastThread, root, invocation.Syntax);
            }
        }

        private static void Add(ISymbol? root, KernelFacts facts, KernelState state)
        {
            if (root is not null)
            {
                state.Add(root, facts);
            }
        }

        private void Report(Diagnostic? diagnostic)
        {
            if (_reporting && diagnostic is not null)
            {
                _context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>The symbol that names the address space an expression belongs to, or null.</summary>
        private ISymbol? RootOf(IOperation? operation, int depth)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            if (depth > 16)
            {
                return null;
            }

            switch (operation)
            {
                case IPropertyReferenceOperation { Instance: { } instance, Property.Name: "AddressSpace" or "MainThread" or "Process" } property
                    when _symbols.IsRuntimeType(property.Property.ContainingType, "SimThread") ||
                         _symbols.IsRuntimeType(property.Property.ContainingType, "SimProcess") ||
                         _symbols.IsRuntimeType(property.Property.ContainingType, "SvaBinding"):
                    return RootOf(instance, depth + 1);
                case IInvocationOperation { Instance: { } instance } invocation when _symbols.IsRuntimeType(invocation.TargetMethod.ContainingType, "SimThread"):
                    return invocation.TargetMethod.Name switch
                    {
                        "CreateThread" or "Vfork" => RootOf(instance, depth + 1),
                        "Clone" when Constant(Argument(invocation, 0)) is { } flags && (flags & CloneVm) != 0 => RootOf(instance, depth + 1),
                        _ => null,
                    };
                case ILocalReferenceOperation local:
                    return _singleAssignments is not null && _singleAssignments.TryGetValue(local.Local, out IOperation? value) && value is not null &&
                           RootOf(value, depth + 1) is { } aliased
                        ? aliased
                        : local.Local;
                case IConditionalAccessInstanceOperation instance:
                    // In the tree, the receiver of p?.MainThread is a placeholder for the conditional access's operand (in
                    // the graph it is a capture of it): the access whose WhenNotNull it is in names the address space.
                    IOperation child = instance;
                    for (IOperation? parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
                        {
                            return RootOf(access.Operation, depth + 1);
                        }
                    }

                    return null;
                case IFlowCaptureReferenceOperation reference:
                    return _captures is not null && _captures.TryGetValue(reference.Id, out IOperation? captured) && captured is not null
                        ? RootOf(captured, depth + 1)
                        : null;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation { Property.IsStatic: true } property:
                    return property.Property;
                default:
                    return null;
            }
        }

        /// <summary>A thread to call <c>ForceTaggedSva()</c> on, written from a bind argument.</summary>
        private string? ForceTargetOf(IOperation? argument)
        {
            while (argument is IConversionOperation conversion)
            {
                argument = conversion.Operand;
            }

            if (argument is null)
            {
                return null;
            }

            if (_symbols.IsRuntimeType(argument.Type, "SimThread"))
            {
                return argument.Syntax.ToString();
            }

            if (argument is IPropertyReferenceOperation { Property.Name: "AddressSpace", Instance: { } owner })
            {
                if (_symbols.IsRuntimeType(owner.Type, "SimThread"))
                {
                    return owner.Syntax.ToString();
                }

                if (_symbols.IsRuntimeType(owner.Type, "SimProcess"))
                {
                    return owner.Syntax + ".MainThread";
                }
            }

            return null;
        }

        private static ImmutableDictionary<string, string?> ForceProperties(string? forceTarget) =>
            forceTarget is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ForceTarget, forceTarget);

        // The first call seen for an address space names it in later messages (every pass sees the same calls).
        private static void Remember(ref Dictionary<ISymbol, SyntaxNode>? calls, ISymbol root, SyntaxNode call)
        {
            calls ??= new Dictionary<ISymbol, SyntaxNode>(SymbolEqualityComparer.Default);
            if (!calls.ContainsKey(root))
            {
                calls[root] = call;
            }
        }

        private static string Remembered(Dictionary<ISymbol, SyntaxNode>? calls, ISymbol root, string fallback) =>
            calls is not null && calls.TryGetValue(root, out SyntaxNode? call) ? Describe(call) : fallback;

        private static IOperation? Argument(IInvocationOperation invocation, int ordinal)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static long? Constant(IOperation? operation)
        {
            if (operation?.ConstantValue is not { HasValue: true, Value: { } value })
            {
                return null;
            }

            return value switch
            {
                int i => i,
                long l => l,
                uint ui => ui,
                ulong ul => ul > long.MaxValue ? long.MaxValue : (long)ul,
                short s => s,
                ushort us => us,
                byte b => b,
                sbyte sb => sb,
                _ => null,
            };
        }

        private static string Describe(SyntaxNode call)
        {
            string text = call.ToString().Replace("\r", string.Empty).Replace("\n", " ");
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }
    }
}
