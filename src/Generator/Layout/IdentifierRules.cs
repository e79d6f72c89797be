using System.Collections.Generic;
using System.Globalization;

namespace TaggedPtr.Generator.Layout;

/// <summary>Whether a field name can be emitted verbatim as a C# member name.</summary>
internal static class IdentifierRules
{
    // Reserved keywords only: contextual keywords (value, record, ...) are valid member names.
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override", "params",
        "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while", "__arglist", "__makeref",
        "__reftype", "__refvalue",
    };

    /// <summary>True when <paramref name="name"/> is a C# identifier that is not a keyword (no <c>@</c> escapes).</summary>
    public static bool IsValidIdentifier(string name)
    {
        if (string.IsNullOrEmpty(name) || Keywords.Contains(name))
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (!(i == 0 ? IsStart(name[i]) : IsPart(name[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsStart(char c) => c == '_' || IsLetter(CharUnicodeInfo.GetUnicodeCategory(c));

    private static bool IsPart(char c)
    {
        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return IsLetter(category)
            || category is UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.ConnectorPunctuation
                or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.Format;
    }

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter
        or UnicodeCategory.LetterNumber;
}
