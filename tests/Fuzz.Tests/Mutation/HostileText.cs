namespace TaggedPtr.Fuzz.Tests.Mutation;

/// <summary>The raw material of mutations: values, types, names, members and half-typed code that break things.</summary>
internal static class HostileText
{
    /// <summary>Attribute argument values: huge, negative, overflowing, of the wrong type, or not values at all.</summary>
    public static readonly string[] Values =
    {
        "0", "-1", "1", "6", "7", "8", "15", "16", "57", "63", "64", "65", "100000", "-64", "int.MaxValue", "int.MinValue",
        "2147483647", "2147483648", "-2147483648", "4294967295", "0x7FFFFFFF", "1 << 31", "unchecked((int)0x80000000)",
        "18446744073709551615", "7L", "7UL", "7.5", "1e300", "true", "null", "default", "default(int)", "typeof(int)", "'x'",
        "(TagScheme)42", "(TagScheme)(-1)", "(TagEquality)7", "TagScheme.None", "TagScheme.ArmTbi", "TagEquality.AddressOnly",
        "Widths.Three", "Widths.Name", "nameof(Node)", "new int[0]", "sizeof(long)", "checked(int.MaxValue + 1)", "1 / 0",
        "Missing.Value", "x => x", "(1, 2)", "$\"{1}\"", "@\"name\"", "\"\"", "\"class\"", "\"With\"", "\"RawValue\"",
        "\"Tag\"", "\"1abc\"", "\"a b\"", "\"Δ\"", "\"\\u0041\"", "\"@class\"", "\"Version\"", "\"Color\"", "\"_value\"",
        "\"Address\"", "\"IncrementVersion\"", "\"WithColor\"", "\"Equals\"", "\"名前\"", "\"e\\u0301\"", "\"\\0\"",
        "\"Ⅻ\"", "\"Ptr‿A\"", "\"x\" + \"y\"", "Widths.Three * 2", "-Widths.Three", "~0", "+3", "(int)3.9",
    };

    /// <summary>Named arguments, real and invented.</summary>
    public static readonly string[] ArgumentNames = { "Bits", "Offset", "Scheme", "Alignment", "Equality", "Pointee", "Name", "Type", "Foo" };

    /// <summary>Types for <c>typeof(...)</c> and type arguments.</summary>
    public static readonly string[] Types =
    {
        "string", "object", "void", "int*", "int[]", "dynamic", "Missing", "System.Span<int>", "(int, int)", "int?", "Box<>",
        "Box<int>", "Fuzz.Model.Box<>", "delegate*<void>", "Color", "Signed", "Wide", "Level", "Kind", "TaggedPtr<int>",
        "System.Action", "System.IntPtr", "nint", "nuint", "decimal", "System.DateTime", "T", "TMark", "Node", "bool", "sbyte",
        "short", "int", "long", "char", "float", "ulong", "uint", "ushort", "byte", "System.Int128", "System.Half", "Holder",
        "Widths", "System.Enum", "System.ValueType", "Node*", "Fuzz.Model.Node.Missing", "System.Collections.Generic.List<int>",
        "var", "Holder.Inner", "Chain", "Packed", "Pair", "Small", "System.Guid", "TaggedPointerAttribute", "Box<Box<long>>",
        "Box<Node>", "Fuzz.Model.Kind?", "System.Nullable<>", "global::Fuzz", "Fuzz.Model",
    };

    /// <summary>Identifiers: keywords with and without @, contextual keywords, Unicode, generated member names, very long.</summary>
    public static readonly string[] Identifiers =
    {
        "@class", "class", "record", "var", "global", "partial", "value", "nameof", "_", "__", "Größe", "名前", "e\u0301",
        "Ptr‿A", "Ptr_A", "Ⅻ", "RawValue", "Address", "Tag", "WithTag", "Load", "_value", "Equals", "T", "TaggedPtr",
        "TaggedPointerAttribute", "Node", "Kind", "@struct", "@event", "unmanaged", "dynamic", "file", "required", "scoped",
        "X" + new string('y', 600), "\\u0041bc", "@\\u0061", "Tagged\u200DPtr",
    };

    /// <summary>Members a user might put in a wrapper; <c>$</c> is replaced with the wrapper's name.</summary>
    public static readonly string[] Members =
    {
        "public int Version;", "public ulong RawValue => 0;", "public $(ulong value) { }", "public override string ToString() => \"\";",
        "public static bool operator ==($ a, $ b) => true; public static bool operator !=($ a, $ b) => false;",
        "public struct Pointer { }", "private int Load;", "public const int Tag = 1;", "public static int Count;",
        "public int Auto { get; set; }", "public event System.Action? Changed;", "public $(Node* p) { }",
        "public static implicit operator TaggedPtr<Node>($ x) => default;", "public void WithColor(bool b) { }", "~$() { }",
        "public fixed byte Data[8];", "int this[int i] => i;", "public void Deconstruct() { }", "private readonly ulong _value;",
        "public Node* Next;", "public $() { }", "public static $ Create() => default;", "partial void Hook();",
        "public ulong IncrementTag() => 0;", "public static $ CompareExchange(ref $ a, $ b, $ c) => a;", "public enum Kind { A }",
        "public $ WithPointer(Node* p) => this;", "public bool Equals($ other) => true;", "public override int GetHashCode() => 0;",
        "public const string BitLayout = \"\";", "public int Color { get; }", "public static readonly $ Empty = default;",
    };

    /// <summary>Code a user is in the middle of typing; a random prefix of one is inserted.</summary>
    public static readonly string[] Typing =
    {
        "[TagField(\"New\", typeof(bool), Bits = 1, Offset = 0)]\n", "[LowTagField(\"Low\", Bits = 2)]\n",
        "[TaggedPointer(typeof(Node), Scheme = TagScheme.LamU48, Alignment = 16)]\n", "[TaggedPointer<Node>(Equality = TagEquality.AddressOnly)]\n",
        "public readonly partial struct Typed { }\n", "value = value.WithVersion(3).WithColor(Color.Black);\n",
        "DsaDescriptor.Memmove(value.RawValue, value.Address, 64, default);\n", "namespace Inner.Space { }\n",
        "partial class Outer<T> where T : unmanaged { }\n", "thread.EnableTaggedAddresses(6);\n", "[assembly: LamSvaCoexistence]\n",
        "[TagField(nameof(", "[TaggedPointer(typeof(Node))] public partial struct Late;\n", "#if DEBUG\n", "#endif\n", "/* ", "\"",
        "@", "<", "[", "partial ", "file ", "record ", "global::", "\\u00",
    };

    /// <summary>Text left at the end of a truncated file, as if typing had stopped there.</summary>
    public static readonly string[] Tails = { "", "", "[TagF", "typeof(", "Bits = ", "\"unterminated", "/* open", "#if X", "@", "\\u00", "<", "partial", "[TaggedPointer<" };

    /// <summary>Modifiers added to a type declaration.</summary>
    public static readonly string[] Modifiers = { "readonly", "ref", "file", "static", "unsafe", "abstract", "sealed", "private", "protected", "new", "public", "internal", "partial" };

    /// <summary>What the <c>struct</c> keyword of a declaration may become.</summary>
    public static readonly string[] TypeKeywords = { "class", "record", "record struct", "record class", "interface", "enum", "struct" };
}
