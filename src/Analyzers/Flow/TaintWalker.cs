using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Symbols;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// The transfer function of the taint analysis: evaluates the operations of one basic block in execution order,
/// computing for every value the bits that may hold a tag and updating the tracked locations.
/// </summary>
/// <remarks>
/// <para>Sources: any value of a tagged-pointer type (<c>TaggedPtr&lt;T&gt;</c>, <c>TaggedPtr&lt;T, TScheme&gt;</c>, a
/// generated wrapper) except <c>Untagged</c>; its <c>RawValue</c>. Propagation: locals, parameters, fields of tracked
/// structs, array elements, flow captures (ternaries, <c>??</c>, <c>with</c>, initializers), conversions to 64-bit
/// integers and pointers, and arithmetic. Cleaning: <c>Address</c>, <c>Pointer</c>, <c>Target</c>,
/// <c>DeviceAddress</c>, a conversion to a type narrower than 64 bits, and <c>&amp;</c> with a constant (a literal, a
/// <c>const</c>, or a built-in scheme's <c>UntagMask</c>) that clears the tag bits.</para>
/// <para>Calls are not followed: the result of a method is tagged only when its type is a tagged-pointer type.</para>
/// </remarks>
internal sealed class TaintWalker
{
    private static readonly ImmutableHashSet<string> UnsafeDereferences = ImmutableHashSet.Create(
        "Read", "ReadUnaligned", "Write", "WriteUnaligned", "Copy", "CopyBlock", "CopyBlockUnaligned", "InitBlock", "InitBlockUnaligned", "AsRef");

    private static readonly ImmutableHashSet<string> NativeMemoryDereferences = ImmutableHashSet.Create(
        "Copy", "Clear", "Fill", "Free", "AlignedFree", "Realloc", "AlignedRealloc");

    private readonly KnownSymbols _symbols;
    private readonly Func<ITypeSymbol?, ulong> _defaultOf;
    private readonly ITaintObserver? _observer;
    private readonly ISymbol? _scope;
    private readonly List<IFlowAnonymousFunctionOperation>? _lambdas;
    private readonly ulong? _pessimisticReads;
    private readonly WrittenRoots? _written;
    private Dictionary<ILocalSymbol, ulong>? _singleAssignments;
    private TaintState _state;
    private int _depth;

    public TaintWalker(
        KnownSymbols symbols,
        TaintState state,
        ITaintObserver? observer,
        ISymbol? scope,
        List<IFlowAnonymousFunctionOperation>? lambdas,
        ulong? pessimisticReads = null,
        WrittenRoots? written = null)
    {
        _symbols = symbols;
        _defaultOf = symbols.TagMaskOfFunction;
        _state = state;
        _observer = observer;
        _scope = scope;
        _lambdas = lambdas;
        _pessimisticReads = pessimisticReads;
        _written = written;
    }

    /// <summary>The state after what was evaluated so far.</summary>
    public TaintState State => _state;

    /// <summary>Runs one basic block on a copy of <paramref name="input"/> and returns the output state.</summary>
    public static TaintState Transfer(KnownSymbols symbols, BasicBlock block, TaintState input, ITaintObserver? observer, ISymbol? scope, List<IFlowAnonymousFunctionOperation>? lambdas)
    {
        var walker = new TaintWalker(symbols, input.Clone(), observer, scope, lambdas);
        foreach (IOperation operation in block.Operations)
        {
            walker.Eval(operation);
        }

        walker.Eval(block.BranchValue);
        return walker.State;
    }

    /// <summary>Evaluates an operation and returns the bits of its value that may hold a tag.</summary>
    public ulong Eval(IOperation? operation)
    {
        if (operation is null)
        {
            return 0;
        }

        // Every recursion of the walk passes through here; see StackGuard.
        ulong mask = ++_depth > StackGuard.MaxUncheckedDepth && !StackGuard.HasRoom()
            ? EvalOnEmptyStack(operation)
            : EvalCore(operation);
        _depth--;
        return operation.Type is { } type && !_symbols.CanHoldAddress(type) ? 0 : mask;
    }

    // A method of its own: the closure would otherwise be allocated on every call of Eval.
    // The fresh thread starts counting from 0, as the guard's check is about its own stack.
    private ulong EvalOnEmptyStack(IOperation operation)
    {
        int depth = _depth;
        _depth = 0;
        ulong mask = StackGuard.RunOnEmptyStack(() => EvalCore(operation));
        _depth = depth;
        return mask;
    }

    private ulong EvalCore(IOperation operation)
    {
        // On Kind first: one jump instead of a chain of interface tests, on every operation of every body walked.
        switch (operation.Kind)
        {
            case OperationKind.SimpleAssignment when operation is ISimpleAssignmentOperation assignment:
                return Assign(assignment.Target, assignment.Value);

            case OperationKind.CompoundAssignment when operation is ICompoundAssignmentOperation compound:
            {
                AccessPath? path = EvalTarget(compound.Target);
                ulong current = Read(path, compound.Target.Type);
                ulong value = Eval(compound.Value);
                ulong result = compound.OperatorMethod is not null
                    ? _defaultOf(compound.Type)
                    : Combine(compound.OperatorKind, compound.Target, current, compound.Value, value);
                CheckAssignmentSink(compound.Target, compound.Value, value);
                Store(path, result, null);
                return result;
            }

            case OperationKind.CoalesceAssignment when operation is ICoalesceAssignmentOperation coalesceAssignment:
            {
                AccessPath? path = EvalTarget(coalesceAssignment.Target);
                ulong current = Read(path, coalesceAssignment.Target.Type);
                ulong value = Eval(coalesceAssignment.Value);
                CheckAssignmentSink(coalesceAssignment.Target, coalesceAssignment.Value, value);
                Store(path, current | value, null);
                return current | value;
            }

            case OperationKind.DeconstructionAssignment when operation is IDeconstructionAssignmentOperation deconstruction:
                return Deconstruct(deconstruction);

            case OperationKind.FlowCapture when operation is IFlowCaptureOperation capture:
            {
                ulong value = Eval(capture.Value);
                var path = new AccessPath(capture.Id, ImmutableArray<object>.Empty, capture.Value.Type);
                _state.Set(path, value);
                if (PathOf(capture.Value) is { } source)
                {
                    _state.CopySubtree(source, path);
                }

                return 0;
            }

            case OperationKind.FlowCaptureReference:
            case OperationKind.LocalReference:
            case OperationKind.ParameterReference:
            case OperationKind.InstanceReference:
            case OperationKind.ArrayElementReference:
                return ReadLocation(operation);

            case OperationKind.FieldReference when operation is IFieldReferenceOperation field:
                return field.Field.HasConstantValue ? 0 : ReadLocation(operation);

            case OperationKind.PropertyReference when operation is IPropertyReferenceOperation property:
                return ReadProperty(property);

            case OperationKind.Invocation when operation is IInvocationOperation invocation:
                Eval(invocation.Instance);
                EvalArguments(invocation.Arguments, invocation);
                return _defaultOf(invocation.Type);

            case OperationKind.ObjectCreation when operation is IObjectCreationOperation creation:
                EvalArguments(creation.Arguments, creation);
                Eval(creation.Initializer);
                return _defaultOf(creation.Type);

            case OperationKind.Conversion when operation is IConversionOperation conversion:
            {
                ulong operand = Eval(conversion.Operand);
                if (conversion.OperatorMethod is not null)
                {
                    // User-defined: only a tagged-pointer to tagged-pointer conversion keeps the bits (TaggedPtr<T> and
                    // TaggedPtr<T, LamU57> are the same value); anything else is the method's business.
                    return _symbols.IsTaggedPointerType(conversion.Operand.Type) && _symbols.IsTaggedPointerType(conversion.Type)
                        ? operand
                        : _defaultOf(conversion.Type);
                }

                // Unboxing or a cast from a plain integer into a tagged-pointer type yields a value of that type,
                // tagged like any other (foreach over an array of tagged pointers reads them through object).
                return _symbols.IsTaggedPointerType(conversion.Operand.Type) ? operand : operand | _defaultOf(conversion.Type);
            }

            case OperationKind.Binary when operation is IBinaryOperation binary:
            {
                ulong left = Eval(binary.LeftOperand);
                ulong right = Eval(binary.RightOperand);
                return binary.OperatorMethod is not null
                    ? _defaultOf(binary.Type)
                    : Combine(binary.OperatorKind, binary.LeftOperand, left, binary.RightOperand, right);
            }

            case OperationKind.Unary when operation is IUnaryOperation unary:
            {
                ulong operand = Eval(unary.Operand);
                return unary.OperatorMethod is not null ? _defaultOf(unary.Type) : operand;
            }

            case OperationKind.Increment:
            case OperationKind.Decrement:
            {
                var increment = (IIncrementOrDecrementOperation)operation;
                AccessPath? path = EvalTarget(increment.Target);
                return increment.OperatorMethod is not null
                    ? _defaultOf(increment.Type)
                    : Read(path, increment.Type);
            }

            case OperationKind.Conditional when operation is IConditionalOperation conditional:
                Eval(conditional.Condition);
                return Eval(conditional.WhenTrue) | Eval(conditional.WhenFalse);

            case OperationKind.Coalesce when operation is ICoalesceOperation coalesce:
                return Eval(coalesce.Value) | Eval(coalesce.WhenNull);

            case OperationKind.AddressOf when operation is IAddressOfOperation addressOf:
                Eval(addressOf.Reference);
                return 0;

            case OperationKind.FlowAnonymousFunction when operation is IFlowAnonymousFunctionOperation lambda:
                _lambdas?.Add(lambda);
                return 0;

            case OperationKind.AnonymousFunction when operation is IAnonymousFunctionOperation anonymous:
                // A graph analyzes nested functions with their own graphs; the quick screen has no graph and
                // must see inside them.
                return _pessimisticReads is null ? 0 : EvalAndReturnZero(anonymous.Body);

            case OperationKind.LocalFunction when operation is ILocalFunctionOperation localFunction:
                return _pessimisticReads is null ? 0 : EvalAndReturnZero(localFunction.Body ?? localFunction.IgnoredBody);

            case OperationKind.VariableDeclarator when _pessimisticReads is null && operation is IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
            {
                // A straight-line body walked in tree order (TaintAnalysis.RunInOrder): the store the graph's lowered
                // assignment of the initializer would make.
                ulong value = Eval(initializer.Value);
                Store(new AccessPath(declarator.Symbol, ImmutableArray<object>.Empty, declarator.Symbol.Type), value, PathOf(initializer.Value));
                return 0;
            }

            case OperationKind.VariableDeclarator when _written is not null && operation is IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
            {
                // The quick screen (a graph has lowered declarators to assignments).
                ulong value = Eval(initializer.Value);
                if (_written.IsSingleAssignment(declarator.Symbol))
                {
                    (_singleAssignments ??= new Dictionary<ILocalSymbol, ulong>(SymbolEqualityComparer.Default))[declarator.Symbol] = value;
                }

                return 0;
            }

            case OperationKind.Literal:
            case OperationKind.DefaultValue:
            case OperationKind.TypeOf:
            case OperationKind.SizeOf:
            case OperationKind.NameOf:
                return 0;

            default:
                return EvalOther(operation);
        }
    }

    private ulong EvalOther(IOperation operation)
    {
        ulong first = 0;
        ulong all = 0;
        int index = 0;
        foreach (IOperation child in operation.ChildOperations)
        {
            ulong mask = Eval(child);
            all |= mask;
            if (index++ == 0)
            {
                first = mask;
            }
        }

        if (operation.Kind == OperationKind.None && index > 0 && IsDereference(operation))
        {
            foreach (IOperation pointer in operation.ChildOperations)
            {
                if (first != 0)
                {
                    _observer?.OnDereference(pointer, first, operation);
                }

                break;
            }
        }

        // Unknown shapes keep their default, except in the quick screen, whose tree is not lowered (conditional
        // access, switch expressions, tuples): there anything may flow through, so the children's bits do.
        return _defaultOf(operation.Type) | (_pessimisticReads is null ? 0 : all);
    }

    private ulong EvalAndReturnZero(IOperation? operation)
    {
        Eval(operation);
        return 0;
    }

    // *p, p[i] and p->f appear as operations without a public kind; their shape is in the syntax.
    private static bool IsDereference(IOperation operation)
    {
        SyntaxNode syntax = operation.Syntax;
        if (syntax.IsKind(SyntaxKind.PointerIndirectionExpression))
        {
            return true;
        }

        if (syntax is ElementAccessExpressionSyntax)
        {
            foreach (IOperation child in operation.ChildOperations)
            {
                return child.Type is IPointerTypeSymbol;
            }
        }

        return operation.IsImplicit &&
               syntax.Parent is MemberAccessExpressionSyntax member &&
               member.IsKind(SyntaxKind.PointerMemberAccessExpression) &&
               member.Expression == syntax;
    }

    /// <summary>
    /// The bits of a location: tracked in the state, or, in the quick screen, the default of its type when no assignment
    /// in the body writes its root, else the most any location of that type could hold in this method.
    /// </summary>
    private ulong Read(AccessPath? path, ITypeSymbol? type)
    {
        if (_pessimisticReads is { } pessimistic)
        {
            if (path is not null && _written is not null && _written.IsNeverWritten(path.Root))
            {
                // What the precise analysis reads there too: nothing ever stores to it.
                return _defaultOf(path.Type);
            }

            if (path is { Root: ILocalSymbol local, Selections.IsEmpty: true } && _singleAssignments is not null &&
                _singleAssignments.TryGetValue(local, out ulong initialized))
            {
                return initialized;
            }

            return _symbols.IsTaggedPointerType(type) ? _defaultOf(type) : type is null || _symbols.CanHoldAddress(type) ? pessimistic : 0;
        }

        return path is not null ? _state.Lookup(path, _defaultOf) : _defaultOf(type);
    }

    private ulong ReadLocation(IOperation operation)
    {
        AccessPath? path = EvalTarget(operation);
        return Read(path, operation.Type);
    }

    private ulong ReadProperty(IPropertyReferenceOperation property)
    {
        IOperation? instance = property.Instance;
        if (instance is not null && _symbols.IsTaggedPointerType(instance.Type))
        {
            ulong receiver = Eval(instance);
            EvalArguments(property.Arguments, property);
            switch (property.Property.Name)
            {
                case "RawValue":
                    return receiver;
                case "Untagged":
                case "Address":
                case "Pointer":
                    return 0;
                default:
                    return _defaultOf(property.Type);
            }
        }

        return ReadLocation(property);
    }

    /// <summary>
    /// Evaluates the parts of a location expression that run before it is read or written (receiver, indices,
    /// arguments) and returns the tracked location, or null when it is not tracked.
    /// </summary>
    private AccessPath? EvalTarget(IOperation target)
    {
        switch (target.Kind)
        {
            case OperationKind.FieldReference when target is IFieldReferenceOperation field:
                Eval(field.Instance);
                return PathOf(target);
            case OperationKind.PropertyReference when target is IPropertyReferenceOperation property:
                Eval(property.Instance);
                EvalArguments(property.Arguments, property);
                return property.Arguments.IsEmpty ? PathOf(target) : null;
            case OperationKind.ArrayElementReference when target is IArrayElementReferenceOperation element:
                Eval(element.ArrayReference);
                foreach (IOperation index in element.Indices)
                {
                    Eval(index);
                }

                return PathOf(target);
            case OperationKind.LocalReference:
            case OperationKind.ParameterReference:
            case OperationKind.FlowCaptureReference:
            case OperationKind.InstanceReference:
                return PathOf(target);
            default:
                Eval(target);
                return null;
        }
    }

    /// <summary>The tracked location an operation denotes, without evaluating anything.</summary>
    private static AccessPath? PathOf(IOperation? operation)
    {
        switch (operation?.Kind)
        {
            case OperationKind.LocalReference when operation is ILocalReferenceOperation local:
                return new AccessPath(local.Local, ImmutableArray<object>.Empty, local.Local.Type);
            case OperationKind.ParameterReference when operation is IParameterReferenceOperation parameter:
                return new AccessPath(parameter.Parameter, ImmutableArray<object>.Empty, parameter.Parameter.Type);
            case OperationKind.FlowCaptureReference when operation is IFlowCaptureReferenceOperation capture:
                return new AccessPath(capture.Id, ImmutableArray<object>.Empty, capture.Type);
            case OperationKind.InstanceReference when operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instance:
                return new AccessPath(AccessPath.ThisRoot, ImmutableArray<object>.Empty, instance.Type);
            case OperationKind.FieldReference when operation is IFieldReferenceOperation field:
                return field.Field.IsStatic
                    ? new AccessPath(field.Field, ImmutableArray<object>.Empty, field.Field.Type)
                    : Extend(PathOf(field.Instance), field.Field, field.Field.Type);
            case OperationKind.PropertyReference when operation is IPropertyReferenceOperation property && property.Arguments.IsEmpty:
                return property.Property.IsStatic
                    ? new AccessPath(property.Property, ImmutableArray<object>.Empty, property.Property.Type)
                    : Extend(PathOf(property.Instance), property.Property, property.Property.Type);
            case OperationKind.ArrayElementReference when operation is IArrayElementReferenceOperation element:
                return Extend(PathOf(element.ArrayReference), AccessPath.ElementSelection, element.Type);
            default:
                return null;
        }
    }

    private static AccessPath? Extend(AccessPath? path, object selection, ITypeSymbol? type) =>
        path is not null && path.Selections.Length < AccessPath.MaxDepth ? path.Select(selection, type) : null;

    private ulong Assign(IOperation target, IOperation value)
    {
        AccessPath? path = EvalTarget(target);
        ulong mask = Eval(value);
        CheckAssignmentSink(target, value, mask);
        // The quick screen never reads the state back (see Read), so it keeps none.
        if (_pessimisticReads is null)
        {
            Store(path, mask, PathOf(value));
        }
        return mask;
    }

    private void Store(AccessPath? path, ulong mask, AccessPath? source)
    {
        if (path is null || _pessimisticReads is not null)
        {
            return;
        }

        _state.Set(path, mask);
        if (source is not null && !source.Equals(path))
        {
            _state.CopySubtree(source, path);
        }
    }

    private ulong Deconstruct(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (target is ITupleOperation targets && deconstruction.Value is ITupleOperation values && targets.Elements.Length == values.Elements.Length)
        {
            var paths = new AccessPath?[targets.Elements.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                paths[i] = EvalTarget(targets.Elements[i]);
            }

            var masks = new ulong[paths.Length];
            for (int i = 0; i < masks.Length; i++)
            {
                masks[i] = Eval(values.Elements[i]);
            }

            for (int i = 0; i < paths.Length; i++)
            {
                CheckAssignmentSink(targets.Elements[i], values.Elements[i], masks[i]);
                Store(paths[i], masks[i], null);
            }

            return 0;
        }

        ulong whole = Eval(deconstruction.Value);
        if (target is ITupleOperation elements)
        {
            foreach (IOperation element in elements.Elements)
            {
                AccessPath? path = EvalTarget(element);
                CheckAssignmentSink(element, deconstruction.Value, whole);
                Store(path, whole, null);
            }
        }
        else
        {
            Eval(target);
        }

        return 0;
    }

    private void EvalArguments(ImmutableArray<IArgumentOperation> arguments, IOperation owner)
    {
        bool dereferences = IsDereferencingApi(owner);
        foreach (IArgumentOperation argument in arguments)
        {
            ulong mask = Eval(argument.Value);
            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            // An untainted value reports nothing at any sink, so the attribute lookup waits for a tainted one.
            if (mask != 0 && parameter.RefKind != RefKind.Out && _symbols.IsSvaBound(parameter))
            {
                _observer?.OnSink(argument.Value, mask, parameter, _scope);
            }

            if (dereferences && mask != 0 && IsAddressParameter(parameter.Type))
            {
                _observer?.OnDereference(argument.Value, mask, owner);
            }

            if (parameter.RefKind is RefKind.Ref or RefKind.Out && _pessimisticReads is null && PathOf(argument.Value) is { } written)
            {
                // The callee may have stored anything: the location returns to the default of its type.
                _state.Kill(written);
            }
        }
    }

    private void CheckAssignmentSink(IOperation target, IOperation value, ulong mask)
    {
        if (mask == 0)
        {
            return;
        }

        ISymbol? member = target switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (member is not null && _symbols.IsSvaBound(member))
        {
            _observer?.OnSink(value, mask, member, _scope);
        }
    }

    private static bool IsAddressParameter(ITypeSymbol type) =>
        type is IPointerTypeSymbol || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    private static bool IsDereferencingApi(IOperation owner)
    {
        IMethodSymbol? method = owner switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        INamedTypeSymbol? type = method?.ContainingType;
        if (method is null || type is null)
        {
            return false;
        }

        // The name first: it rules out almost every call without looking at namespaces.
        string name = method.Name;
        return type.MetadataName switch
        {
            "Span`1" or "ReadOnlySpan`1" => method.MethodKind == MethodKind.Constructor && IsInNamespace(type, SystemNamespace),
            "Buffer" => name == "MemoryCopy" && IsInNamespace(type, SystemNamespace),
            "Unsafe" => UnsafeDereferences.Contains(name) && IsInNamespace(type, CompilerServicesNamespace),
            "NativeMemory" => NativeMemoryDereferences.Contains(name) && IsInNamespace(type, InteropServicesNamespace),
            "Marshal" => (name.StartsWith("Read", StringComparison.Ordinal) || name.StartsWith("Write", StringComparison.Ordinal) || name == "Copy") &&
                         IsInNamespace(type, InteropServicesNamespace),
            _ => false,
        };
    }

    private static readonly string[] SystemNamespace = { "System" };

    private static readonly string[] CompilerServicesNamespace = { "System", "Runtime", "CompilerServices" };

    private static readonly string[] InteropServicesNamespace = { "System", "Runtime", "InteropServices" };

    /// <summary>True when the type's namespace is exactly <paramref name="parts"/>, outermost first (no string built).</summary>
    private static bool IsInNamespace(INamedTypeSymbol type, string[] parts)
    {
        INamespaceSymbol? current = type.ContainingNamespace;
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (current is null || current.IsGlobalNamespace || current.Name != parts[i])
            {
                return false;
            }

            current = current.ContainingNamespace;
        }

        return current is null || current.IsGlobalNamespace;
    }

    /// <summary>How an operator moves the may-tag bits of its operands.</summary>
    private ulong Combine(BinaryOperatorKind kind, IOperation leftOperand, ulong left, IOperation rightOperand, ulong right)
    {
        ulong? leftConstant = ConstantOf(leftOperand);
        ulong? rightConstant = ConstantOf(rightOperand);
        switch (kind)
        {
            case BinaryOperatorKind.And:
                return leftConstant is { } lc ? right & lc : rightConstant is { } rc ? left & rc : left | right;
            case BinaryOperatorKind.LeftShift:
                return rightConstant is { } ls and < 64 ? left << (int)ls : left != 0 ? ulong.MaxValue : 0;
            case BinaryOperatorKind.RightShift:
            case BinaryOperatorKind.UnsignedRightShift:
                return rightConstant is { } rs and < 64 ? left >> (int)rs : left;
            case BinaryOperatorKind.Remainder:
                return rightConstant is { } modulus && IsPowerOfTwo(modulus) ? left & (modulus - 1) : left | right;
            case BinaryOperatorKind.Divide:
                return rightConstant is { } divisor && IsPowerOfTwo(divisor) ? left >> Log2(divisor) : left | right;
            case BinaryOperatorKind.Multiply:
                return rightConstant is { } factor && IsPowerOfTwo(factor) ? left << Log2(factor)
                    : leftConstant is { } factor2 && IsPowerOfTwo(factor2) ? right << Log2(factor2) : left | right;
            default:
                return left | right;
        }
    }

    /// <summary>
    /// The value of a constant operand: a compile-time constant, or a built-in scheme's mask property
    /// (<c>LamU57.UntagMask</c> is a property, not a <c>const</c>, but its value is fixed by the runtime).
    /// </summary>
    private ulong? ConstantOf(IOperation operation)
    {
        while (operation is IConversionOperation { OperatorMethod: null } conversion && !operation.ConstantValue.HasValue)
        {
            operation = conversion.Operand;
        }

        if (operation.ConstantValue is { HasValue: true, Value: { } value })
        {
            return value switch
            {
                ulong u => u,
                long l => unchecked((ulong)l),
                uint ui => ui,
                int i => unchecked((ulong)(long)i),
                ushort us => us,
                short s => unchecked((ulong)(long)s),
                byte b => b,
                sbyte sb => unchecked((ulong)(long)sb),
                char c => c,
                _ => null,
            };
        }

        if (operation is IPropertyReferenceOperation { Property.IsStatic: true, Instance: null } property)
        {
            ulong tagMask = _symbols.SchemeTagMask(property.Property.ContainingType);
            if (tagMask != KnownSymbols.UnknownSchemeTagMask)
            {
                return property.Property.Name switch
                {
                    "TagMask" => tagMask,
                    "UntagMask" => ~tagMask,
                    "AddressMask" => AddressMaskOf(tagMask),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static ulong AddressMaskOf(ulong tagMask) => tagMask switch
    {
        KnownSymbols.LamU57TagMask => 0x00FF_FFFF_FFFF_FFFFUL,
        KnownSymbols.LamU48TagMask => 0x0000_7FFF_FFFF_FFFFUL,
        _ => 0x007F_FFFF_FFFF_FFFFUL,
    };

    private static bool IsPowerOfTwo(ulong value) => value != 0 && (value & (value - 1)) == 0;

    private static int Log2(ulong value) => 63 - KnownSymbols.LeadingZeros(value);

}
