using System.Collections.Generic;

namespace TaggedPtr.Generator.Layout;

/// <summary>
/// The names the generator gives wrapper members. The layout rejects a field whose members would reuse one, and the
/// analyzers find generated members by these names; they are the runtime <c>TaggedPtr&lt;T&gt;</c>'s names.
/// </summary>
internal static class GeneratedMemberNames
{
    /// <summary>The stored 64-bit value, tags included.</summary>
    public const string RawValue = "RawValue";

    /// <summary>The untagged address (low and high tag bits cleared).</summary>
    public const string Address = "Address";

    /// <summary>The untagged <c>T*</c>.</summary>
    public const string Pointer = "Pointer";

    /// <summary><c>ref T</c> in host memory.</summary>
    public const string Target = "Target";

    /// <summary>True when the address is 0.</summary>
    public const string IsNull = "IsNull";

    /// <summary>The same address with every field cleared.</summary>
    public const string Untagged = "Untagged";

    /// <summary>Another address, same fields.</summary>
    public const string WithPointer = "WithPointer";

    /// <summary>Address-only comparison.</summary>
    public const string AddressEquals = "AddressEquals";

    /// <summary>Validating factory from the raw 64-bit value.</summary>
    public const string FromRaw = "FromRaw";

    /// <summary>Atomic compare-and-swap on a location of the wrapper type.</summary>
    public const string CompareExchange = "CompareExchange";

    /// <summary>Acquire read of a location of the wrapper type.</summary>
    public const string VolatileRead = "VolatileRead";

    /// <summary>Checked load through the simulated address space.</summary>
    public const string Load = "Load";

    /// <summary>Checked store through the simulated address space.</summary>
    public const string Store = "Store";

    /// <summary>The bit layout as printable text.</summary>
    public const string BitLayout = "BitLayout";

    /// <summary>The field that holds the value.</summary>
    public const string ValueField = "_value";

    /// <summary>The unnamed field of a wrapper that declares none.</summary>
    public const string ImplicitTag = "Tag";

    /// <summary>Prefix of a field's setter: <c>WithColor</c>.</summary>
    public const string WithPrefix = "With";

    /// <summary>Prefix of an unsigned field's wrapping increment: <c>IncrementVersion</c>.</summary>
    public const string IncrementPrefix = "Increment";

    /// <summary>
    /// Every name the generator uses whatever the fields, plus the inherited and record-synthesized names a generated
    /// member would hide (a warning under TreatWarningsAsErrors).
    /// </summary>
    public static IReadOnlyList<string> Fixed { get; } = new[]
    {
        RawValue, Address, Pointer, Target, IsNull, Untagged, WithPointer, AddressEquals, FromRaw, CompareExchange,
        VolatileRead, Load, Store, BitLayout, ValueField, "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
        "ReferenceEquals", "Finalize", "PrintMembers", "Deconstruct", "EqualityContract",
    };

    /// <summary>The members one field produces: the property, <c>WithX</c>, and <c>IncrementX</c> for unsigned fields.</summary>
    public static IReadOnlyList<string> ForField(string name, FieldKind kind) =>
        kind == FieldKind.Unsigned
            ? new[] { name, WithPrefix + name, IncrementPrefix + name }
            : new[] { name, WithPrefix + name };
}
