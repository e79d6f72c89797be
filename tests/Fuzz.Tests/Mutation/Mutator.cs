using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TaggedPtr.Fuzz.Tests.Harness;
using TaggedPtr.Fuzz.Tests.Synthesis;

namespace TaggedPtr.Fuzz.Tests.Mutation;

/// <summary>
/// Breaks a valid program the ways editors and people do: deleted, duplicated and stray tokens, hostile attribute
/// arguments (huge, negative, overflowing, wrong types, missing), wrong pointee and field types, keywords and Unicode as
/// names, flipped modifiers and type kinds, members that collide with generated ones, duplicated declarations and extra
/// partial parts in new files, reordered files, files truncated or half-typed at random points, and other language
/// versions or no unsafe code. Each mutation is one text edit, chosen from the input's seed only.
/// </summary>
internal sealed class Mutator
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    private static readonly LanguageVersion[] Versions =
    {
        LanguageVersion.CSharp1, LanguageVersion.CSharp7_3, LanguageVersion.CSharp8, LanguageVersion.CSharp9, LanguageVersion.CSharp10,
        LanguageVersion.CSharp11, LanguageVersion.CSharp12, LanguageVersion.Latest, LanguageVersion.Preview,
    };

    private readonly Random _random;
    private FuzzInput _input;
    private readonly List<string> _applied = new();

    private Mutator(FuzzInput input, Random random)
    {
        _input = input;
        _random = random;
    }

    /// <summary>Applies a seeded number of mutations (sometimes none) to <paramref name="input"/>.</summary>
    public static FuzzInput Mutate(FuzzInput input)
    {
        var mutator = new Mutator(input, Seeds.Random(input.Seed, 2));
        int count = mutator._random.Next(10) switch
        {
            0 => 0,
            < 5 => 1,
            < 8 => 2,
            8 => 3,
            _ => 4 + mutator._random.Next(3),
        };
        for (int i = 0; i < count; i++)
        {
            mutator.MutateOnce();
        }

        // Rarely, and from a stream of its own (so the other mutations of a seed stay what they were): one argument
        // nested thousands deep, as generated code and constant tables write. No token-level mutation builds such a
        // tree, and the analyzers' stack overflow on one was found outside the fuzzer.
        Random deep = Seeds.Random(input.Seed, 3);
        if (deep.Next(DeepOneIn) == 0 && mutator.Deepen(deep))
        {
            count++;
        }

        return count == 0
            ? input.WithFiles(input.Files, input.Origin + "; unmutated")
            : mutator._input.WithFiles(mutator._input.Files, mutator._input.Origin + "; mutations: " + string.Join(", ", mutator._applied));
    }

    private void MutateOnce()
    {
        int fileIndex = PickFile();
        FuzzFile file = _input.Files[fileIndex];
        SyntaxNode root = CSharpSyntaxTree.ParseText(file.Text, Parse).GetRoot();
        (string Name, Func<SyntaxNode, string, string?> Edit)[] kinds =
        {
            ("delete token", DeleteToken),
            ("duplicate token", DuplicateToken),
            ("stray token", StrayToken),
            ("attribute argument", AttributeArgument),
            ("attribute argument", AttributeArgument),
            ("attribute argument", AttributeArgument),
            ("type", ReplaceType),
            ("identifier", ReplaceIdentifier),
            ("modifiers", Modifiers),
            ("member", InsertMember),
            ("duplicate attribute", DuplicateAttribute),
            ("duplicate declaration", DuplicateDeclaration),
            ("truncate", Truncate),
            ("typing", Typing),
            ("delete lines", DeleteLines),
        };
        int roll = _random.Next(kinds.Length + 3);
        if (roll == kinds.Length)
        {
            Settings();
            return;
        }

        if (roll == kinds.Length + 1)
        {
            ExtraPart(fileIndex, root);
            return;
        }

        if (roll == kinds.Length + 2)
        {
            ReorderFiles();
            return;
        }

        (string name, Func<SyntaxNode, string, string?> edit) = kinds[roll];
        string? text = edit(root, file.Text);
        if (text is null)
        {
            return;
        }

        _applied.Add(name + " in " + file.Path);
        _input = _input.WithFiles(_input.Files.SetItem(fileIndex, file with { Text = text }), _input.Origin);
    }

    // One input in this many gets a deep expression; each costs the pipeline a few hundred milliseconds.
    private const int DeepOneIn = 80;

    private bool Deepen(Random random)
    {
        // The usage file's arguments reach the device sinks, the kernel calls and the tag setters, so a deep argument
        // goes through every analysis and, where it is reported, through every fix.
        int fileIndex = -1;
        for (int i = 0; i < _input.Files.Length && fileIndex < 0; i++)
        {
            fileIndex = _input.Files[i].Path == "/fuzz/Uses.cs" ? i : -1;
        }

        if (fileIndex < 0)
        {
            fileIndex = random.Next(_input.Files.Length);
        }

        FuzzFile file = _input.Files[fileIndex];
        ArgumentSyntax[] arguments = CSharpSyntaxTree.ParseText(file.Text, Parse).GetRoot().DescendantNodes().OfType<ArgumentSyntax>()
            .Where(a => a.Expression.Span.Length > 0).ToArray();
        if (arguments.Length == 0)
        {
            return false;
        }

        ExpressionSyntax expression = random.Pick(arguments).Expression;
        int depth = 1_000 + random.Next(4_000);
        string original = expression.ToString();
        var text = new System.Text.StringBuilder(original.Length + (depth * 20));
        string shape;
        if (random.Chance(0.5))
        {
            // Left-deep arithmetic: one binary operation inside the next (valid wherever the value is an integer).
            shape = "sum";
            text.Append('(').Append(original).Append(')');
            for (int i = 0; i < depth; i++)
            {
                text.Append(" + 0");
            }
        }
        else
        {
            // Nested conditionals keep any type: (true ? (true ? e : default) : default).
            shape = "conditional";
            for (int i = 0; i < depth; i++)
            {
                text.Append("(true ? ");
            }

            text.Append(original);
            for (int i = 0; i < depth; i++)
            {
                text.Append(" : default)");
            }
        }

        _applied.Add($"deep {shape} x{depth} in {file.Path}");
        _input = _input.WithFiles(_input.Files.SetItem(fileIndex, file with { Text = Replace(file.Text, expression.SpanStart, expression.Span.Length, text.ToString()) }), _input.Origin);
        return true;
    }

    private int PickFile()
    {
        // Wrapper files most of the time; the usage file and the model file too.
        int roll = _random.Next(10);
        ImmutableArray<FuzzFile> files = _input.Files;
        int uses = files.IndexOf(files.FirstOrDefault(f => f.Path == "/fuzz/Uses.cs")!);
        int model = files.IndexOf(files.FirstOrDefault(f => f.Path == ProgramSynthesizer.ModelPath)!);
        if (roll < 2 && uses >= 0)
        {
            return uses;
        }

        if (roll == 2 && model >= 0)
        {
            return model;
        }

        int[] others = Enumerable.Range(0, files.Length).Where(i => i != uses && i != model).ToArray();
        return others.Length == 0 ? _random.Next(files.Length) : _random.Pick(others);
    }

    private SyntaxToken[] Tokens(SyntaxNode root) => root.DescendantTokens().Where(t => t.Span.Length > 0).ToArray();

    private string? DeleteToken(SyntaxNode root, string text)
    {
        SyntaxToken[] tokens = Tokens(root);
        if (tokens.Length == 0)
        {
            return null;
        }

        SyntaxToken token = _random.Pick(tokens);
        return Replace(text, token.SpanStart, token.Span.Length, string.Empty);
    }

    private string? DuplicateToken(SyntaxNode root, string text)
    {
        SyntaxToken[] tokens = Tokens(root);
        if (tokens.Length == 0)
        {
            return null;
        }

        SyntaxToken token = _random.Pick(tokens);
        return Replace(text, token.SpanStart, 0, token.Text + " ");
    }

    private string? StrayToken(SyntaxNode root, string text)
    {
        SyntaxToken[] tokens = Tokens(root);
        if (tokens.Length == 0)
        {
            return null;
        }

        SyntaxToken at = _random.Pick(tokens);
        SyntaxToken from = _random.Pick(tokens);
        return Replace(text, at.SpanStart, 0, from.Text + " ");
    }

    private string? AttributeArgument(SyntaxNode root, string text)
    {
        AttributeSyntax[] attributes = root.DescendantNodes().OfType<AttributeSyntax>().Where(IsTaggedPtrAttribute).ToArray();
        if (attributes.Length == 0)
        {
            return null;
        }

        AttributeSyntax attribute = _random.Pick(attributes);
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
        string value = _random.Pick(HostileText.Values);
        switch (_random.Next(7))
        {
            case 0 when arguments.Count > 0:
            {
                AttributeArgumentSyntax argument = _random.Pick(arguments);
                return Replace(text, argument.Expression.SpanStart, argument.Expression.Span.Length, value);
            }

            case 1 when arguments.Count > 0:
            {
                int index = _random.Next(arguments.Count);
                TextSpan span = index < arguments.SeparatorCount
                    ? TextSpan.FromBounds(arguments[index].SpanStart, arguments.GetSeparator(index).Span.End)
                    : index > 0
                        ? TextSpan.FromBounds(arguments.GetSeparator(index - 1).SpanStart, arguments[index].Span.End)
                        : arguments[index].Span;
                return Replace(text, span.Start, span.Length, string.Empty);
            }

            case 2 when attribute.ArgumentList is { } list:
                return Replace(text, list.SpanStart, list.Span.Length, string.Empty);
            case 3 when arguments.Count > 1:
            {
                int first = _random.Next(arguments.Count);
                int second = _random.Next(arguments.Count);
                if (first == second)
                {
                    return null;
                }

                (AttributeArgumentSyntax low, AttributeArgumentSyntax high) = first < second ? (arguments[first], arguments[second]) : (arguments[second], arguments[first]);
                string swapped = high.ToString() + text.Substring(low.Span.End, high.SpanStart - low.Span.End) + low.ToString();
                return Replace(text, low.SpanStart, high.Span.End - low.SpanStart, swapped);
            }

            case 4:
            {
                string named = _random.Pick(HostileText.ArgumentNames) + " = " + value;
                return AddArgument(text, attribute, named, atEnd: true);
            }

            case 5:
                return AddArgument(text, attribute, value, atEnd: _random.Chance(0.5));
            default:
            {
                if (arguments.Count == 0)
                {
                    return AddArgument(text, attribute, "Bits = " + value, atEnd: true);
                }

                AttributeArgumentSyntax argument = _random.Pick(arguments);
                return AddArgument(text, attribute, argument.ToString(), atEnd: true);
            }
        }
    }

    private static string AddArgument(string text, AttributeSyntax attribute, string argument, bool atEnd)
    {
        if (attribute.ArgumentList is not { } list)
        {
            return Replace(text, attribute.Span.End, 0, "(" + argument + ")");
        }

        if (list.Arguments.Count == 0)
        {
            return Replace(text, list.OpenParenToken.Span.End, 0, argument);
        }

        return atEnd
            ? Replace(text, list.Arguments.Last().Span.End, 0, ", " + argument)
            : Replace(text, list.Arguments.First().SpanStart, 0, argument + ", ");
    }

    private string? ReplaceType(SyntaxNode root, string text)
    {
        var types = new List<TypeSyntax>();
        types.AddRange(root.DescendantNodes().OfType<TypeOfExpressionSyntax>().Select(t => t.Type));
        types.AddRange(root.DescendantNodes().OfType<AttributeSyntax>().Where(IsTaggedPtrAttribute)
            .SelectMany(a => a.Name.DescendantNodesAndSelf().OfType<GenericNameSyntax>()).SelectMany(g => g.TypeArgumentList.Arguments));
        if (types.Count == 0)
        {
            return null;
        }

        TypeSyntax type = _random.Pick(types);
        string replacement = _random.Pick(HostileText.Types);
        if (_random.Chance(0.1))
        {
            // The wrapper itself, or another declared type, as its own pointee.
            BaseTypeDeclarationSyntax[] declared = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToArray();
            if (declared.Length > 0)
            {
                replacement = _random.Pick(declared).Identifier.Text;
            }
        }

        return Replace(text, type.SpanStart, type.Span.Length, replacement);
    }

    private string? ReplaceIdentifier(SyntaxNode root, string text)
    {
        SyntaxToken[] identifiers = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToArray();
        if (identifiers.Length == 0)
        {
            return null;
        }

        SyntaxToken token = _random.Pick(identifiers);
        string replacement = _random.Next(4) switch
        {
            0 => char.IsUpper(token.ValueText.FirstOrDefault()) ? token.Text.ToLowerInvariant() : token.Text.ToUpperInvariant(),
            1 => _random.Pick(identifiers).Text,
            _ => _random.Pick(HostileText.Identifiers),
        };
        return Replace(text, token.SpanStart, token.Span.Length, replacement);
    }

    private string? Modifiers(SyntaxNode root, string text)
    {
        TypeDeclarationSyntax[] types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToArray();
        if (types.Length == 0)
        {
            return null;
        }

        TypeDeclarationSyntax type = _random.Pick(types);
        switch (_random.Next(6))
        {
            case 0 when type.Modifiers.Count > 0:
            {
                SyntaxToken modifier = _random.Pick(type.Modifiers.ToArray());
                return Replace(text, modifier.SpanStart, modifier.Span.Length, string.Empty);
            }

            case 1:
                return Replace(text, type.Keyword.SpanStart, type.Keyword.Span.Length, _random.Pick(HostileText.TypeKeywords));
            case 2:
            {
                int position = type.Modifiers.Count > 0 && _random.Chance(0.5) ? type.Modifiers.First().SpanStart : type.Keyword.SpanStart;
                return Replace(text, position, 0, _random.Pick(HostileText.Modifiers) + " ");
            }

            case 3:
                // A primary constructor (C# 12) or positional record parameters.
                return Replace(text, (type.TypeParameterList?.Span.End ?? type.Identifier.Span.End), 0, _random.Chance(0.5) ? "(int x)" : "()");
            case 4 when type.TypeParameterList is null:
                return Replace(text, type.Identifier.Span.End, 0, _random.Chance(0.5) ? "<T>" : "<T, @class>");
            default:
                return Replace(text, (type.TypeParameterList?.Span.End ?? type.Identifier.Span.End), 0, _random.Chance(0.5) ? " : System.IDisposable" : " : Node");
        }
    }

    private string? InsertMember(SyntaxNode root, string text)
    {
        TypeDeclarationSyntax[] structs = root.DescendantNodes().OfType<TypeDeclarationSyntax>()
            .Where(t => t is StructDeclarationSyntax or RecordDeclarationSyntax).ToArray();
        if (structs.Length == 0)
        {
            return null;
        }

        TypeDeclarationSyntax type = _random.Pick(structs);
        string member = _random.Pick(HostileText.Members).Replace("$", type.Identifier.Text, StringComparison.Ordinal);
        if (type.OpenBraceToken.IsMissing || type.OpenBraceToken.Span.Length == 0)
        {
            // struct S; has no body: give it one.
            return type.SemicolonToken.Span.Length > 0
                ? Replace(text, type.SemicolonToken.SpanStart, 1, " { " + member + " }")
                : null;
        }

        return Replace(text, type.OpenBraceToken.Span.End, 0, " " + member + " ");
    }

    private string? DuplicateAttribute(SyntaxNode root, string text)
    {
        AttributeListSyntax[] lists = root.DescendantNodes().OfType<AttributeListSyntax>().Where(l => l.Attributes.Any(IsTaggedPtrAttribute)).ToArray();
        if (lists.Length == 0)
        {
            return null;
        }

        AttributeListSyntax list = _random.Pick(lists);
        BaseTypeDeclarationSyntax[] targets = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToArray();
        int position = _random.Chance(0.5) || targets.Length == 0 ? list.SpanStart : FirstTokenAfterAttributes(_random.Pick(targets));
        return Replace(text, position, 0, list.ToString() + "\n");
    }

    private static int FirstTokenAfterAttributes(BaseTypeDeclarationSyntax type) =>
        type.Modifiers.Count > 0 ? type.Modifiers.First().SpanStart : type.GetFirstToken().SpanStart;

    private string? DuplicateDeclaration(SyntaxNode root, string text)
    {
        BaseTypeDeclarationSyntax[] types = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().ToArray();
        if (types.Length == 0)
        {
            return null;
        }

        BaseTypeDeclarationSyntax type = _random.Pick(types);
        return Replace(text, type.FullSpan.End, 0, type.ToFullString());
    }

    private string? Truncate(SyntaxNode root, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        int cut = _random.Next(text.Length);
        if (_random.Chance(0.3))
        {
            // Typing in the middle of a file: a hole, with the rest of the file still below it.
            int end = Math.Min(text.Length, cut + 1 + _random.Next(200));
            return Replace(text, cut, end - cut, _random.Pick(HostileText.Tails));
        }

        return text.Substring(0, cut) + _random.Pick(HostileText.Tails);
    }

    private string? Typing(SyntaxNode root, string text)
    {
        SyntaxToken[] tokens = Tokens(root);
        string snippet = _random.Pick(HostileText.Typing);
        string prefix = snippet.Substring(0, 1 + _random.Next(snippet.Length));
        int position = tokens.Length == 0 ? 0 : _random.Pick(tokens).SpanStart;
        return Replace(text, position, 0, prefix);
    }

    private string? DeleteLines(SyntaxNode root, string text)
    {
        string[] lines = text.Split('\n');
        if (lines.Length < 2)
        {
            return null;
        }

        int start = _random.Next(lines.Length);
        int count = 1 + _random.Next(Math.Min(6, lines.Length - start));
        return string.Join("\n", lines.Take(start).Concat(lines.Skip(start + count)));
    }

    private void Settings()
    {
        LanguageVersion version = _random.Chance(0.7) ? _random.Pick(Versions) : _input.LanguageVersion;
        bool allowUnsafe = _random.Chance(0.5) ? !_input.AllowUnsafe : _input.AllowUnsafe;
        _applied.Add($"settings C# {version.ToDisplayString()}{(allowUnsafe ? string.Empty : " no-unsafe")}");
        _input = _input.WithSettings(version, allowUnsafe, _input.Origin);
    }

    // Another partial part of every type in the file, in a new file, without attributes or members: the declaration
    // split across one more file (or a duplicate of a type that was not partial).
    private void ExtraPart(int fileIndex, SyntaxNode root)
    {
        TypeDeclarationSyntax[] types = root.DescendantNodes().OfType<TypeDeclarationSyntax>().ToArray();
        if (types.Length == 0)
        {
            return;
        }

        SyntaxNode stripped = root.ReplaceNodes(types, (original, rewritten) =>
        {
            var type = (TypeDeclarationSyntax)rewritten;
            type = type.WithAttributeLists(default);
            return rewritten is StructDeclarationSyntax or RecordDeclarationSyntax && !type.Members.OfType<TypeDeclarationSyntax>().Any()
                ? type.WithMembers(default)
                : type;
        });
        string path = "/fuzz/Extra" + _input.Files.Length.ToString(CultureInfo.InvariantCulture) + ".cs";
        _applied.Add("extra part of " + _input.Files[fileIndex].Path + " in " + path);
        _input = _input.WithFiles(_input.Files.Add(new FuzzFile(path, stripped.ToFullString())), _input.Origin);
    }

    private void ReorderFiles()
    {
        FuzzFile[] files = _input.Files.ToArray();
        for (int i = files.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (files[i], files[j]) = (files[j], files[i]);
        }

        _applied.Add("reordered files");
        _input = _input.WithFiles(files.ToImmutableArray(), _input.Origin);
    }

    private static bool IsTaggedPtrAttribute(AttributeSyntax attribute)
    {
        string name = attribute.Name.ToString();
        return name.Contains("TaggedPointer", StringComparison.Ordinal) || name.Contains("TagField", StringComparison.Ordinal) || name == "TP";
    }

    private static string Replace(string text, int start, int length, string replacement) =>
        text.Substring(0, start) + replacement + text.Substring(start + length);
}
