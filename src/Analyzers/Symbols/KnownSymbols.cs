using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.Analyzers.Symbols;

/// <summary>
/// The runtime's types as seen by one compilation, resolved once at compilation start and shared by every analyzer of
/// that compilation. Every analyzer starts by asking <see cref="For"/>: a compilation that does not reference
/// TaggedPtr.Runtime gets <c>null</c> and no work at all.
/// </summary>
/// <remarks>Instances are shared by concurrent callbacks; the caches are concurrent dictionaries.</remarks>
internal sealed class KnownSymbols
{
    /// <summary>LAM_U57 tag bits 62:57 (<c>LamU57.TagMask</c>).</summary>
    public const ulong LamU57TagMask = 0x7E00_0000_0000_0000UL;

    /// <summary>LAM_U48 tag bits 62:48.</summary>
    public const ulong LamU48TagMask = 0x7FFF_0000_0000_0000UL;

    /// <summary>arm64 TBI tag bits 63:56.</summary>
    public const ulong ArmTbiTagMask = 0xFF00_0000_0000_0000UL;

    /// <summary>What a user-defined scheme may use: every bit, since nothing is known about it.</summary>
    public const ulong UnknownSchemeTagMask = ulong.MaxValue;

    private readonly ConcurrentDictionary<ISymbol, ulong> _tagMasks = new(SymbolIdentityComparer.Instance);
    private readonly ConcurrentDictionary<ISymbol, WrapperInfo?> _wrappers = new(SymbolIdentityComparer.Instance);
    private readonly ConcurrentDictionary<ISymbol, bool> _svaBound = new(SymbolIdentityComparer.Instance);
    private readonly ConcurrentDictionary<ISymbol, bool> _coexistence = new(SymbolIdentityComparer.Instance);

    // Delegates made once: a method group or a lambda that uses this instance allocates a new delegate wherever it is
    // written, and these run for nearly every operation of every body.
    private readonly Func<ISymbol, ulong> _computeTagMask;
    private readonly Func<ISymbol, bool> _computeSvaBound;
    private readonly Func<ISymbol, bool> _declaresCoexistence;

    // Weak in the compilation: the IDE makes a new one on every edit, and an entry goes when its compilation goes.
    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> ByCompilation = new();

    private static readonly Func<ISymbol, WrapperInfo?> ReadWrapper = symbol => WrapperInfo.TryRead((INamedTypeSymbol)symbol);

    private KnownSymbols(Compilation compilation, INamedTypeSymbol taggedPtr1)
    {
        _computeTagMask = symbol => ComputeTagMask((ITypeSymbol)symbol);
        _computeSvaBound = ComputeSvaBound;
        _declaresCoexistence = s => CoexistenceAttribute is { } attribute && HasAttribute(s, attribute);
        TagMaskOfFunction = TagMaskOf;
        Compilation = compilation;
        TaggedPtr1 = taggedPtr1;
        RuntimeAssembly = taggedPtr1.ContainingAssembly;
        TaggedPtr2 = compilation.GetTypeByMetadataName("TaggedPtr.TaggedPtr`2");
        DeviceAddress = compilation.GetTypeByMetadataName("TaggedPtr.DeviceAddress");
        SvaBoundAttribute = compilation.GetTypeByMetadataName("TaggedPtr.SvaBoundAttribute");
        CoexistenceAttribute = compilation.GetTypeByMetadataName("TaggedPtr.LamSvaCoexistenceAttribute");
        TaggedPointerAttribute = compilation.GetTypeByMetadataName("TaggedPtr.TaggedPointerAttribute");
        TaggedPointerAttributeGeneric = compilation.GetTypeByMetadataName("TaggedPtr.TaggedPointerAttribute`1");
        TagFieldAttribute = compilation.GetTypeByMetadataName("TaggedPtr.TagFieldAttribute");
        LowTagFieldAttribute = compilation.GetTypeByMetadataName("TaggedPtr.LowTagFieldAttribute");
        LamU57 = compilation.GetTypeByMetadataName("TaggedPtr.LamU57");
        LamU48 = compilation.GetTypeByMetadataName("TaggedPtr.LamU48");
        ArmTbi = compilation.GetTypeByMetadataName("TaggedPtr.ArmTbi");
        SimThread = compilation.GetTypeByMetadataName("TaggedPtr.Simulation.SimThread");
        SimProcess = compilation.GetTypeByMetadataName("TaggedPtr.Simulation.SimProcess");
        AddressSpace = compilation.GetTypeByMetadataName("TaggedPtr.Simulation.AddressSpace");
        AssemblyDeclaresCoexistence = CoexistenceAttribute is not null && HasAttribute(compilation.Assembly, CoexistenceAttribute);
    }

    /// <summary>The compilation these symbols belong to.</summary>
    public Compilation Compilation { get; }

    /// <summary>The assembly that defines the runtime types (TaggedPtr.Runtime).</summary>
    public IAssemblySymbol RuntimeAssembly { get; }

    /// <summary><c>TaggedPtr&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol TaggedPtr1 { get; }

    /// <summary><c>TaggedPtr&lt;T, TScheme&gt;</c>.</summary>
    public INamedTypeSymbol? TaggedPtr2 { get; }

    /// <summary>The safe device-address type.</summary>
    public INamedTypeSymbol? DeviceAddress { get; }

    /// <summary><c>[SvaBound]</c>.</summary>
    public INamedTypeSymbol? SvaBoundAttribute { get; }

    /// <summary><c>[LamSvaCoexistence]</c>.</summary>
    public INamedTypeSymbol? CoexistenceAttribute { get; }

    /// <summary><c>[TaggedPointer(typeof(T))]</c>.</summary>
    public INamedTypeSymbol? TaggedPointerAttribute { get; }

    /// <summary><c>[TaggedPointer&lt;T&gt;]</c>.</summary>
    public INamedTypeSymbol? TaggedPointerAttributeGeneric { get; }

    /// <summary><c>[TagField]</c>.</summary>
    public INamedTypeSymbol? TagFieldAttribute { get; }

    /// <summary><c>[LowTagField]</c>.</summary>
    public INamedTypeSymbol? LowTagFieldAttribute { get; }

    /// <summary>The LAM_U57 scheme.</summary>
    public INamedTypeSymbol? LamU57 { get; }

    /// <summary>The LAM_U48 scheme.</summary>
    public INamedTypeSymbol? LamU48 { get; }

    /// <summary>The arm64 TBI scheme.</summary>
    public INamedTypeSymbol? ArmTbi { get; }

    /// <summary>The simulated task.</summary>
    public INamedTypeSymbol? SimThread { get; }

    /// <summary>The simulated process.</summary>
    public INamedTypeSymbol? SimProcess { get; }

    /// <summary>The simulated address space.</summary>
    public INamedTypeSymbol? AddressSpace { get; }

    /// <summary>True when the assembly carries <c>[assembly: LamSvaCoexistence]</c>.</summary>
    public bool AssemblyDeclaresCoexistence { get; }

    /// <summary>
    /// Registers <paramref name="register"/> for compilations that reference the runtime; any other compilation gets
    /// no action at all (one failed metadata-name lookup is its whole cost).
    /// </summary>
    public static void WhenRuntimeIsReferenced(AnalysisContext context, Action<CompilationStartAnalysisContext, KnownSymbols> register) =>
        context.RegisterCompilationStartAction(start =>
        {
            if (For(start.Compilation) is { } symbols)
            {
                register(start, symbols);
            }
        });

    /// <summary>
    /// The instance of <paramref name="compilation"/> that every analyzer shares, or null when the compilation does
    /// not reference the runtime. Sharing matters because the caches are per instance: with one instance per analyzer,
    /// each of them looked up the same types and computed the same tag masks and <c>[SvaBound]</c> answers again.
    /// </summary>
    public static KnownSymbols? For(Compilation compilation)
    {
        if (ByCompilation.TryGetValue(compilation, out KnownSymbols? shared))
        {
            return shared;
        }

        // Two analyzers may start on one compilation at once; both create, one instance is kept, and both use it.
        return TryCreate(compilation) is { } created ? ByCompilation.GetValue(compilation, _ => created) : null;
    }

    /// <summary>Resolves the runtime's types, or returns null when the compilation does not reference the runtime.</summary>
    private static KnownSymbols? TryCreate(Compilation compilation)
    {
        INamedTypeSymbol? taggedPtr = compilation.GetTypeByMetadataName("TaggedPtr.TaggedPtr`1");
        return taggedPtr is null ? null : new KnownSymbols(compilation, taggedPtr);
    }

    /// <summary>True for a type the runtime assembly defines with this name (or a type derived from one).</summary>
    public bool IsRuntimeType(ITypeSymbol? type, string name)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, RuntimeAssembly))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for <c>TaggedPtr&lt;T&gt;</c> or <c>TaggedPtr&lt;T, TScheme&gt;</c> (any instantiation).</summary>
    public bool IsRuntimeTaggedPtr(ITypeSymbol? type) =>
        type is INamedTypeSymbol named &&
        (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TaggedPtr1) ||
         (TaggedPtr2 is not null && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TaggedPtr2)));

    /// <summary><see cref="TagMaskOf"/> as one delegate, for callers that pass it on.</summary>
    public Func<ITypeSymbol?, ulong> TagMaskOfFunction { get; }

    /// <summary>
    /// The bits of a value of <paramref name="type"/> that may hold a tag: non-zero for <c>TaggedPtr</c> types, generated
    /// wrappers and nullable forms of them; 0 for everything else.
    /// </summary>
    public ulong TagMaskOf(ITypeSymbol? type)
    {
        // Called for nearly every operation of every body: the common answers come without a dictionary lookup.
        if (type is null || type.SpecialType != SpecialType.None)
        {
            return 0;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind is not (TypeKind.Struct or TypeKind.Class) || type is not INamedTypeSymbol named)
        {
            return 0;
        }

        INamedTypeSymbol definition = named.OriginalDefinition;
        if (ReferenceEquals(definition, TaggedPtr1))
        {
            return SchemeTagMask(LamU57);
        }

        // Beyond TaggedPtr the answer depends only on the definition (a wrapper is marked on it), whose one object
        // serves every construction.
        return ReferenceEquals(definition, TaggedPtr2) ? SchemeTagMask(named.TypeArguments[1]) : _tagMasks.GetOrAdd(definition, _computeTagMask);
    }

    /// <summary>False for types too narrow to hold a 64-bit address, and for the safe device-address type.</summary>
    public bool CanHoldAddress(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_Void:
                return false;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return CanHoldAddress(underlying);
        }

        return !SymbolEqualityComparer.Default.Equals(type, DeviceAddress);
    }

    /// <summary>True when values of <paramref name="type"/> are tagged pointers.</summary>
    public bool IsTaggedPointerType(ITypeSymbol? type) => TagMaskOf(type) != 0;

    /// <summary>The wrapper declaration and layout of a type marked <c>[TaggedPointer]</c>, or null.</summary>
    public WrapperInfo? GetWrapper(INamedTypeSymbol? type)
    {
        if (type is null || (TaggedPointerAttribute is null && TaggedPointerAttributeGeneric is null))
        {
            return null;
        }

        return _wrappers.GetOrAdd(type.OriginalDefinition, ReadWrapper);
    }

    /// <summary>The tag mask of a known scheme type; <see cref="UnknownSchemeTagMask"/> for anything else.</summary>
    public ulong SchemeTagMask(ITypeSymbol? scheme)
    {
        if (scheme is null)
        {
            return UnknownSchemeTagMask;
        }

        if (SymbolEqualityComparer.Default.Equals(scheme, LamU57))
        {
            return LamU57TagMask;
        }

        if (SymbolEqualityComparer.Default.Equals(scheme, LamU48))
        {
            return LamU48TagMask;
        }

        return SymbolEqualityComparer.Default.Equals(scheme, ArmTbi) ? ArmTbiTagMask : UnknownSchemeTagMask;
    }

    /// <summary>The tag width of a known scheme type, or 0 when unknown.</summary>
    public int SchemeTagBits(ITypeSymbol? scheme)
    {
        ulong mask = SchemeTagMask(scheme);
        return mask == UnknownSchemeTagMask ? 0 : PopCount(mask);
    }

    /// <summary>The scheme of a runtime <c>TaggedPtr</c> type, or null.</summary>
    public ITypeSymbol? SchemeOf(ITypeSymbol? taggedPtrType)
    {
        if (taggedPtrType is not INamedTypeSymbol named || !IsRuntimeTaggedPtr(named))
        {
            return null;
        }

        return named.TypeArguments.Length == 2 ? named.TypeArguments[1] : LamU57;
    }

    /// <summary>
    /// True when <paramref name="member"/> (a parameter, field or property) is marked <c>[SvaBound]</c>, on itself or on
    /// the member it overrides (the attribute is inherited).
    /// </summary>
    public bool IsSvaBound(ISymbol? member)
    {
        if (member is null || SvaBoundAttribute is null)
        {
            return false;
        }

        // Keyed by the definition, where the attribute is: a call to a generic method brings its own constructed
        // parameter objects at every call site, and keying those filled the cache with one entry per call.
        return _svaBound.GetOrAdd(member.OriginalDefinition, _computeSvaBound);
    }

    /// <summary>
    /// True when LAM/SVA coexistence is declared for code in <paramref name="scope"/>: on it or an enclosing method,
    /// on a containing type, or on the assembly.
    /// </summary>
    public bool IsCoexistenceDeclared(ISymbol? scope)
    {
        if (CoexistenceAttribute is null)
        {
            return false;
        }

        if (AssemblyDeclaresCoexistence)
        {
            return true;
        }

        for (ISymbol? current = scope; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            switch (current.Kind)
            {
                // Methods are asked directly: each body is analyzed once, so an entry for its method would be read
                // a few times at most, while adding it cost more than the answer (a first identity hash of every
                // method, and an insert). The compiler keeps a method's attributes once bound.
                case SymbolKind.Method when HasAttribute(current, CoexistenceAttribute):
                    return true;
                case SymbolKind.NamedType when _coexistence.GetOrAdd(current, _declaresCoexistence):
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when the symbol carries an attribute of exactly this class.</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attributeClass)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leading zero bits of a 64-bit value (netstandard2.0 has no BitOperations).</summary>
    public static int LeadingZeros(ulong value)
    {
        int count = 0;
        for (ulong bit = 1UL << 63; bit != 0 && (value & bit) == 0; bit >>= 1)
        {
            count++;
        }

        return count;
    }

    /// <summary>Number of set bits (netstandard2.0 has no BitOperations).</summary>
    public static int PopCount(ulong value)
    {
        int count = 0;
        while (value != 0)
        {
            value &= value - 1;
            count++;
        }

        return count;
    }

    private ulong ComputeTagMask(ITypeSymbol type)
    {
        if (IsRuntimeTaggedPtr(type))
        {
            return SchemeTagMask(SchemeOf(type));
        }

        if (type is INamedTypeSymbol named && GetWrapper(named) is { } wrapper)
        {
            return wrapper.TagMask;
        }

        return 0;
    }

    private bool ComputeSvaBound(ISymbol member)
    {
        INamedTypeSymbol attribute = SvaBoundAttribute!;
        ISymbol? current = member.OriginalDefinition;
        for (int depth = 0; current is not null && depth < 32; depth++)
        {
            if (HasAttribute(current, attribute))
            {
                return true;
            }

            current = current switch
            {
                IPropertySymbol property => property.OverriddenProperty?.OriginalDefinition,
                IParameterSymbol parameter => OverriddenParameter(parameter),
                _ => null,
            };
        }

        return false;
    }

    private static IParameterSymbol? OverriddenParameter(IParameterSymbol parameter)
    {
        // Nearly every parameter asked about belongs to a method that overrides nothing: one flag answers for it.
        if (parameter.ContainingSymbol is not { IsOverride: true } container)
        {
            return null;
        }

        ImmutableArray<IParameterSymbol> overridden = container switch
        {
            IMethodSymbol { OverriddenMethod: { } baseMethod } => baseMethod.OriginalDefinition.Parameters,
            IPropertySymbol { OverriddenProperty: { } baseProperty } => baseProperty.OriginalDefinition.Parameters,
            _ => ImmutableArray<IParameterSymbol>.Empty,
        };
        return parameter.Ordinal < overridden.Length ? overridden[parameter.Ordinal] : null;
    }
}
