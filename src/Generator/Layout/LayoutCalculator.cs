using System;
using System.Collections.Generic;
using System.Globalization;

namespace TaggedPtr.Generator.Layout;

/// <summary>
/// The one place the bit layout of a wrapper is decided. The generator emits only what this accepts, and the analyzers
/// report exactly what it rejects (they compile this same file), so the two can never disagree.
/// </summary>
/// <remarks>
/// High fields are placed from the scheme's lowest tag bit upwards, low fields from bit 0 upwards, each after the previous
/// field of its region unless it gives an <c>Offset</c>. Every problem is collected (not just the first), with the exact
/// numbers in its message. Pure: no I/O, no Roslyn, no culture (messages use the invariant culture).
/// </remarks>
internal static class LayoutCalculator
{
    /// <summary>Lays out <paramref name="request"/>, or says why it cannot be laid out.</summary>
    public static LayoutResult Calculate(LayoutRequest request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var problems = new List<LayoutProblem>();
        SchemeInfo? scheme = SchemeInfo.TryGet(request.Scheme);
        if (scheme is null)
        {
            problems.Add(new LayoutProblem(
                LayoutProblemKind.UnknownScheme,
                Format("{0} is not a TagScheme (LamU57, LamU48, ArmTbi or None)", (int)request.Scheme)));
        }

        int alignment = EffectiveAlignment(request, problems);
        int lowAvailable = Log2(alignment);

        IReadOnlyList<FieldDeclaration> declarations = request.Fields;
        var resolved = new List<ResolvedField>(declarations.Count);
        if (declarations.Count == 0)
        {
            if (scheme is not null && scheme.TagBits == 0)
            {
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.NothingToTag,
                    "Scheme None has no high tag bits and no [LowTagField] is declared: there is nothing to tag"));
            }
            else if (scheme is not null)
            {
                var tag = new FieldDeclaration(GeneratedMemberNames.ImplicitTag, FieldRegion.High, FieldKind.Unsigned, "ulong", 64, scheme.TagBits);
                resolved.Add(new ResolvedField(-1, tag, scheme.TagBits, 64, "ulong"));
            }
        }

        var namesSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < declarations.Count; i++)
        {
            ResolvedField? field = Resolve(i, declarations[i], namesSeen, problems);
            if (field is not null)
            {
                resolved.Add(field);
            }
        }

        if (scheme is not null)
        {
            Place(resolved, FieldRegion.High, scheme.TagBits, request, scheme, alignment, problems);
        }

        Place(resolved, FieldRegion.Low, lowAvailable, request, scheme, alignment, problems);
        CheckNames(request, resolved, problems);

        if (problems.Count > 0 || scheme is null)
        {
            return LayoutResult.Failure(problems);
        }

        var fields = new FieldLayout[resolved.Count];
        for (int i = 0; i < resolved.Count; i++)
        {
            ResolvedField field = resolved[i];
            // Valid layouts fit in 64 bits, so the narrowing is exact.
            int shift = (int)(field.Declaration.Region == FieldRegion.High ? scheme.TagShift + field.Start : field.Start);
            fields[i] = new FieldLayout(
                field.Declaration.Name,
                field.Declaration.Region,
                field.Declaration.Kind,
                field.TypeName,
                field.StorageBits,
                shift,
                field.Bits,
                field.Index,
                field.Index < 0);
        }

        return LayoutResult.Success(new TagLayout(scheme, alignment, lowAvailable, fields));
    }

    /// <summary>How many low bits an alignment frees: log2 of a power of two.</summary>
    public static int Log2(int alignment)
    {
        int bits = 0;
        while (alignment > 1)
        {
            alignment >>= 1;
            bits++;
        }

        return bits;
    }

    /// <summary>True for 1, 2, 4, ... 2^30.</summary>
    public static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;

    /// <summary>The keyword of the smallest unsigned type that holds <paramref name="bits"/> bits, and its width.</summary>
    public static (string Keyword, int Width) SmallestUnsigned(int bits) => bits switch
    {
        <= 8 => ("byte", 8),
        <= 16 => ("ushort", 16),
        <= 32 => ("uint", 32),
        _ => ("ulong", 64),
    };

    private static int EffectiveAlignment(LayoutRequest request, List<LayoutProblem> problems)
    {
        // An unknown or nonsensical natural alignment is treated as 1: no low bits are promised that may not exist.
        int natural = IsPowerOfTwo(request.PointeeAlignment) ? request.PointeeAlignment : 1;
        int declared = request.ExplicitAlignment;
        if (declared == 0)
        {
            return natural;
        }

        if (!IsPowerOfTwo(declared))
        {
            problems.Add(new LayoutProblem(
                LayoutProblemKind.InvalidAlignment,
                Format("Alignment {0} is not a positive power of two", declared)));
            return natural;
        }

        return Math.Max(natural, declared);
    }

    private static ResolvedField? Resolve(
        int index, FieldDeclaration field, Dictionary<string, int> namesSeen, List<LayoutProblem> problems)
    {
        int before = problems.Count;
        string name = field.Name;
        if (!IdentifierRules.IsValidIdentifier(name))
        {
            problems.Add(new LayoutProblem(
                LayoutProblemKind.InvalidName,
                Format("Field name '{0}' is not a C# identifier", name),
                index));
        }
        else if (namesSeen.TryGetValue(name, out int first))
        {
            problems.Add(new LayoutProblem(
                LayoutProblemKind.DuplicateName,
                Format("Field '{0}' is declared twice (fields {1} and {2})", name, first + 1, index + 1),
                index));
        }
        else
        {
            namesSeen.Add(name, index);
        }

        if (field.Offset < -1)
        {
            problems.Add(new LayoutProblem(
                LayoutProblemKind.InvalidOffset,
                Format("Field '{0}' has Offset {1}; use 0 or more, or -1 to follow the previous field", name, field.Offset),
                index));
        }

        if (field.Bits < 0)
        {
            problems.Add(new LayoutProblem(
                LayoutProblemKind.BitsNotPositive,
                Format("Field '{0}' requests {1} bits; Bits must be positive", name, field.Bits),
                index));
            return null;
        }

        int bits = field.Bits;
        string typeName = field.TypeName ?? string.Empty;
        int storageBits = 0;
        switch (field.Kind)
        {
            case FieldKind.Bool:
                if (bits == 0)
                {
                    bits = 1;
                }
                else if (bits != 1)
                {
                    problems.Add(new LayoutProblem(
                        LayoutProblemKind.BoolBitsNotOne,
                        Format("bool field '{0}' takes exactly 1 bit, {1} requested", name, bits),
                        index,
                        1,
                        bits));
                }

                break;

            case FieldKind.Enum:
                bits = ResolveEnum(index, field, problems);
                break;

            case FieldKind.Unsigned:
                if (bits == 0)
                {
                    problems.Add(new LayoutProblem(
                        LayoutProblemKind.MissingBits,
                        Format("Unsigned field '{0}' needs Bits (its width)", name),
                        index));
                }
                else if (field.TypeName is null)
                {
                    (typeName, storageBits) = SmallestUnsigned(bits);
                }
                else
                {
                    storageBits = field.TypeBits;
                    CheckTypeWidth(index, field, bits, problems);
                }

                break;

            default:
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.UnsupportedFieldType,
                    Format(
                        "Field '{0}' has type '{1}'; a tag field is bool, an enum, byte, ushort, uint or ulong",
                        name,
                        field.TypeName ?? "?"),
                    index));
                break;
        }

        return problems.Count == before ? new ResolvedField(index, field, bits, storageBits, typeName) : null;
    }

    private static int ResolveEnum(int index, FieldDeclaration field, List<LayoutProblem> problems)
    {
        int bits = field.Bits;
        if (bits == 0)
        {
            ulong largest = 0;
            foreach (EnumMemberValue member in field.EnumMembers)
            {
                if (!member.IsNegative && member.Value > largest)
                {
                    largest = member.Value;
                }
            }

            bits = Math.Max(1, BitLength(largest));
        }
        else
        {
            CheckTypeWidth(index, field, bits, problems);
        }

        ulong max = bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        foreach (EnumMemberValue member in field.EnumMembers)
        {
            if (member.IsNegative)
            {
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.EnumMemberDoesNotFit,
                    Format(
                        "Enum member {0}.{1} = -{2} is negative and does not fit in field '{3}'",
                        field.TypeName,
                        member.Name,
                        member.Value,
                        field.Name),
                    index));
            }
            else if (member.Value > max)
            {
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.EnumMemberDoesNotFit,
                    Format(
                        "Enum member {0}.{1} = {2} does not fit in the {3} bits of field '{4}' (maximum {5})",
                        field.TypeName,
                        member.Name,
                        member.Value,
                        bits,
                        field.Name,
                        max),
                    index,
                    bits,
                    BitLength(member.Value)));
            }
        }

        return bits;
    }

    private static void CheckTypeWidth(int index, FieldDeclaration field, int bits, List<LayoutProblem> problems)
    {
        if (field.TypeBits > 0 && bits > field.TypeBits)
        {
            problems.Add(new LayoutProblem(
                LayoutProblemKind.TypeTooNarrow,
                Format(
                    "Field '{0}' of type {1} holds {2} bits, {3} requested",
                    field.Name,
                    field.TypeName,
                    field.TypeBits,
                    bits),
                index,
                field.TypeBits,
                bits));
        }
    }

    private static void Place(
        List<ResolvedField> fields,
        FieldRegion region,
        int available,
        LayoutRequest request,
        SchemeInfo? scheme,
        int alignment,
        List<LayoutProblem> problems)
    {
        // long: Bits and Offset are user input, and their sums must not wrap into a budget that looks fine.
        long requested = 0;
        long cursor = 0;
        var placed = new List<ResolvedField>();
        foreach (ResolvedField field in fields)
        {
            if (field.Declaration.Region != region)
            {
                continue;
            }

            field.Start = field.Declaration.Offset >= 0 ? field.Declaration.Offset : cursor;
            cursor = field.Start + field.Bits;
            requested += field.Bits;
            placed.Add(field);
        }

        if (requested > available)
        {
            // The budget is the headline: offsets and overlaps would only repeat it.
            string message = region == FieldRegion.Low
                ? Format(
                    IsPowerOfTwo(request.PointeeAlignment) || request.ExplicitAlignment > 0
                        ? "{0} low bits available ({1} is {2}-byte aligned), {3} requested"
                        : "{0} low bits available (the alignment of {1} is not known here: declare Alignment), {3} requested",
                    available,
                    request.PointeeName,
                    alignment,
                    requested)
                : scheme!.TagBits == 0
                    ? Format("0 tag bits available in scheme None (no high tag bits), {0} requested", requested)
                    : Format("{0} tag bits available in {1}, {2} requested", available, scheme.Name, requested);
            problems.Add(new LayoutProblem(
                region == FieldRegion.Low ? LayoutProblemKind.LowBitsExceeded : LayoutProblemKind.HighBitsExceeded,
                message,
                -1,
                available,
                (int)Math.Min(requested, int.MaxValue)));
            return;
        }

        int regionShift = region == FieldRegion.High ? scheme!.TagShift : 0;
        for (int i = 0; i < placed.Count; i++)
        {
            ResolvedField field = placed[i];
            if (field.Start + field.Bits > available)
            {
                string where = region == FieldRegion.Low
                    ? Format("the {0} low bits of {1} ({2}-byte aligned)", available, request.PointeeName, alignment)
                    : Format("the {0} tag bits of {1}", available, scheme!.Name);
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.FieldOutsideRegion,
                    Format("Field '{0}' (Offset {1}, {2} bits) ends past {3}", field.Declaration.Name, field.Start, field.Bits, where),
                    field.Index,
                    available,
                    (int)Math.Min(field.Start + field.Bits, int.MaxValue)));
                continue;
            }

            for (int j = 0; j < i; j++)
            {
                ResolvedField other = placed[j];
                if (field.Start < other.Start + other.Bits && other.Start < field.Start + field.Bits)
                {
                    problems.Add(new LayoutProblem(
                        LayoutProblemKind.Overlap,
                        Format(
                            "Fields '{0}' (bits {1}) and '{2}' (bits {3}) overlap",
                            other.Declaration.Name,
                            BitRange(regionShift + other.Start, other.Bits),
                            field.Declaration.Name,
                            BitRange(regionShift + field.Start, field.Bits)),
                        field.Index));
                }
            }
        }
    }

    private static void CheckNames(LayoutRequest request, List<ResolvedField> fields, List<LayoutProblem> problems)
    {
        // Every generated name, and who generates it (-2: the generator itself, whatever the fields).
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in GeneratedMemberNames.Fixed)
        {
            owners[name] = -2;
        }

        foreach (ResolvedField field in fields)
        {
            string fieldName = field.Declaration.Name;
            if (fieldName == request.TypeName)
            {
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.NameCollision,
                    Format("Field '{0}' has the name of its wrapper type", fieldName),
                    field.Index));
                continue;
            }

            foreach (string name in GeneratedMemberNames.ForField(fieldName, field.Declaration.Kind))
            {
                if (!owners.TryGetValue(name, out int owner))
                {
                    owners.Add(name, field.Index);
                    continue;
                }

                string by = owner == -2
                    ? "the generated member " + name
                    : Format("{0}, generated for field '{1}'", name, request.Fields[owner].Name);
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.NameCollision,
                    Format("Field '{0}' collides with {1}", fieldName, by),
                    field.Index));
                break;
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (string existing in request.ExistingMemberNames)
        {
            if (owners.TryGetValue(existing, out int owner) && reported.Add(existing))
            {
                string what = owner < 0 ? "a generated member" : Format("a member generated for field '{0}'", request.Fields[owner].Name);
                problems.Add(new LayoutProblem(
                    LayoutProblemKind.NameCollision,
                    Format("{0} declares '{1}', which is also {2}", request.TypeName, existing, what),
                    owner < 0 ? -1 : owner));
            }
        }
    }

    private static int BitLength(ulong value)
    {
        int bits = 0;
        while (value != 0)
        {
            value >>= 1;
            bits++;
        }

        return bits;
    }

    private static string BitRange(long low, int bits) =>
        bits == 1 ? Format("{0}", low) : Format("{0}:{1}", low + bits - 1, low);

    private static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);

    // A field that passed its own checks, with its resolved width and (after placement) its start within the region.
    private sealed class ResolvedField
    {
        public ResolvedField(int index, FieldDeclaration declaration, int bits, int storageBits, string typeName)
        {
            Index = index;
            Declaration = declaration;
            Bits = bits;
            StorageBits = storageBits;
            TypeName = typeName;
        }

        public int Index { get; }

        public FieldDeclaration Declaration { get; }

        public int Bits { get; }

        public int StorageBits { get; }

        public string TypeName { get; }

        public long Start { get; set; }
    }
}
