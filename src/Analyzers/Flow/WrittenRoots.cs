using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>
/// The roots (parameters, <c>this</c>, static members, locals) that some assignment in a body writes through, for the
/// quick screen of <see cref="TaintAnalysis.MayReport"/>.
/// </summary>
/// <remarks>
/// The precise analysis changes the state of a location only by storing to an assignment's target (simple, compound,
/// <c>??=</c>, deconstruction); a <c>ref</c>/<c>out</c> argument only returns it to the default of its type. So a path
/// whose root no assignment targets holds the default of its type everywhere in the body, and the screen may read it
/// as such instead of assuming every tag bit of the body. A local is initialized in its declarator, which the precise
/// graph turns into an assignment; one that nothing else writes (no assignment, no <c>ref</c>/<c>out</c>/<c>in</c>
/// argument, no address taken, no increment, not a <c>ref</c> local) holds its initializer's value wherever it is read.
/// </remarks>
internal sealed class WrittenRoots
{
    private readonly List<object> _roots = new();

    /// <summary>Collects the roots written anywhere in <paramref name="body"/>, nested functions included.</summary>
    public static WrittenRoots Of(IOperation body)
    {
        var written = new WrittenRoots();
        foreach (IOperation operation in OperationWalk.Of(body))
        {
            // Kind before any interface test: this sees every operation of the body.
            switch (operation.Kind)
            {
                case OperationKind.SimpleAssignment:
                case OperationKind.CompoundAssignment:
                case OperationKind.CoalesceAssignment:
                    written.Add(((IAssignmentOperation)operation).Target);
                    break;
                case OperationKind.DeconstructionAssignment:
                    var deconstruction = (IDeconstructionAssignmentOperation)operation;
                    IOperation target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
                    foreach (IOperation element in OperationWalk.Of(target))
                    {
                        written.Add(element);
                    }

                    break;
                case OperationKind.Increment:
                case OperationKind.Decrement:
                    written.Add(((IIncrementOrDecrementOperation)operation).Target);
                    break;
                // A location reached by reference (ref argument, address, ref local) may be written through the alias.
                case OperationKind.Argument when operation is IArgumentOperation { Parameter.RefKind: not RefKind.None } argument:
                    written.Add(argument.Value);
                    break;
                case OperationKind.AddressOf:
                    written.Add(((IAddressOfOperation)operation).Reference);
                    break;
                case OperationKind.VariableDeclarator when operation is IVariableDeclaratorOperation { Symbol.IsRef: true, Initializer.Value: { } referent }:
                    written.Add(referent);
                    break;
            }
        }

        return written;
    }

    /// <summary>True when <paramref name="root"/> is a parameter, <c>this</c> or a static member that no assignment writes.</summary>
    public bool IsNeverWritten(object root)
    {
        if (root is not (IParameterSymbol or IFieldSymbol or IPropertySymbol) && !ReferenceEquals(root, AccessPath.ThisRoot))
        {
            return false;
        }

        foreach (object written in _roots)
        {
            if (ReferenceEquals(written, root) || (written is ISymbol left && root is ISymbol right && SymbolEqualityComparer.Default.Equals(left, right)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="local"/> is written only by its declarator's initializer: every read sees that value.
    /// </summary>
    public bool IsSingleAssignment(ILocalSymbol local)
    {
        if (local.IsRef)
        {
            return false;
        }

        foreach (object written in _roots)
        {
            if (written is ILocalSymbol other && SymbolEqualityComparer.Default.Equals(other, local))
            {
                return false;
            }
        }

        return true;
    }

    private void Add(IOperation target)
    {
        // The root as the precise analysis names it; a target it cannot name is never stored to.
        IOperation current = target;
        while (true)
        {
            switch (current)
            {
                case IFieldReferenceOperation { Field.IsStatic: false, Instance: { } instance }:
                    current = instance;
                    continue;
                case IPropertyReferenceOperation { Property.IsStatic: false, Instance: { } instance }:
                    current = instance;
                    continue;
                case IArrayElementReferenceOperation element:
                    current = element.ArrayReference;
                    continue;
                case IParameterReferenceOperation parameter:
                    _roots.Add(parameter.Parameter);
                    return;
                case ILocalReferenceOperation local:
                    _roots.Add(local.Local);
                    return;
                case IInstanceReferenceOperation:
                    _roots.Add(AccessPath.ThisRoot);
                    return;
                case IFieldReferenceOperation field:
                    _roots.Add(field.Field);
                    return;
                case IPropertyReferenceOperation property:
                    _roots.Add(property.Property);
                    return;
                default:
                    return;
            }
        }
    }
}
