using Microsoft.CodeAnalysis;

namespace TaggedPtr.Generator.Declarations;

/// <summary>
/// Whether a type may appear in the signature of a public member of the wrapper without CS0050/CS0053 ("inconsistent
/// accessibility") in the generated code.
/// </summary>
internal static class AccessibilityRules
{
    /// <summary>True when <paramref name="type"/> (and every type argument in it) is at least as accessible as the public members of <paramref name="wrapper"/>.</summary>
    public static bool CanExpose(ITypeSymbol type, INamedTypeSymbol wrapper) => IsAtLeastAsAccessible(type, Effective(wrapper));

    private static bool IsAtLeastAsAccessible(ITypeSymbol type, Accessibility member)
    {
        switch (type)
        {
            case IPointerTypeSymbol pointer:
                return IsAtLeastAsAccessible(pointer.PointedAtType, member);
            case IArrayTypeSymbol array:
                return IsAtLeastAsAccessible(array.ElementType, member);
            case INamedTypeSymbol named:
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (!IsAtLeastAsAccessible(argument, member))
                    {
                        return false;
                    }
                }

                return Covers(Effective(named), member);
            default:
                return true;
        }
    }

    // The accessibility of a type once every containing type is taken into account.
    private static Accessibility Effective(INamedTypeSymbol type)
    {
        Accessibility result = type.DeclaredAccessibility;
        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            result = Meet(result, container.DeclaredAccessibility);
        }

        return result;
    }

    private static Accessibility Meet(Accessibility a, Accessibility b)
    {
        if (Covers(a, b))
        {
            return b;
        }

        if (Covers(b, a))
        {
            return a;
        }

        // Only protected and internal are incomparable; what both allow is protected-and-internal.
        return Accessibility.ProtectedAndInternal;
    }

    // True when everything that can see a member with accessibility 'inner' can also see something with 'outer'.
    private static bool Covers(Accessibility outer, Accessibility inner) => outer == inner || outer switch
    {
        Accessibility.Public => true,
        Accessibility.ProtectedOrInternal => inner is not Accessibility.Public,
        Accessibility.Protected or Accessibility.Internal =>
            inner is Accessibility.ProtectedAndInternal or Accessibility.Private or Accessibility.NotApplicable,
        Accessibility.ProtectedAndInternal => inner is Accessibility.Private or Accessibility.NotApplicable,
        _ => inner is Accessibility.NotApplicable,
    };
}
