using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using TaggedPtr.Fuzz.Tests.Harness;

namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>
/// Builds valid programs that declare and use generated wrappers: every layout fits its budget and every spelling
/// compiles under the chosen language version. The variety is where generators break: global, block and file-scoped
/// namespaces, nested and generic containers of every kind, records, partial declarations split over files with their
/// attributes spread between the parts, keywords and Unicode as names, the same name in several namespaces, names whose
/// file names collide, aliases and qualified attribute names, C# 8 to preview, with and without unsafe code. A few
/// declarations carry one deliberate mistake (still valid C#) so that every code fix has something to do.
/// </summary>
internal sealed class ProgramSynthesizer
{
    /// <summary>The path of the file holding pointee types and enums.</summary>
    public const string ModelPath = "/fuzz/Model.cs";

    private static readonly (LanguageVersion Version, int Weight)[] Versions =
    {
        (LanguageVersion.CSharp8, 2), (LanguageVersion.CSharp9, 1), (LanguageVersion.CSharp10, 2), (LanguageVersion.CSharp11, 2),
        (LanguageVersion.CSharp12, 3), (LanguageVersion.Latest, 3), (LanguageVersion.Preview, 1),
    };

    private static readonly string[] WrapperNames =
    {
        "NodePtr", "Link", "Handle", "Slot", "Cursor", "Marker", "Größe", "Указатель", "名前", "Ωmega", "@class", "@struct", "@event",
        "_hidden", "Ptr1", "HeadRef",
    };

    private static readonly (string First, string Second)[] HintCollisions =
    {
        ("Ptr‿A", "Ptr_A"), ("Marke\u0301", "Marke_"), ("PtrⅫ", "Ptr_"), ("NodePtr", "nodePtr"), ("Link", "LINK"),
    };

    private static readonly string[] FieldNames =
    {
        "Color", "Version", "Marked", "Count", "Epoch", "Kind", "Dirty", "Flag", "Level", "Gen", "Zähler", "Étape", "Tag", "_bit", "Δ", "名",
    };

    private static readonly string[] ContainerNames =
    {
        "Outer", "Lists", "Registry", "Äußere", "@namespace", "@object", "Scope", "Inner", "Holder2", "Контейнер",
    };

    private static readonly string[] Namespaces =
    {
        "", "", "Fuzz.App", "Fuzz.App.Deep", "Demo", "demo", "@class.@struct", "Ünï.名前", "Fuzz.Model",
    };

    private static readonly string[] TypeParameterNames = { "T", "TItem", "TKey", "@in", "Ü" };

    private static readonly Pointee[] Pointees =
    {
        new("Node", "global::Fuzz.Model.Node", 8),
        new("global::Fuzz.Model.Pair", "global::Fuzz.Model.Pair", 4),
        new("Fuzz.Model.Small", "global::Fuzz.Model.Small", 1),
        new("Packed", "global::Fuzz.Model.Packed", 2),
        new("long", "long", 8),
        new("int", "int", 4),
        new("byte", "byte", 1),
        new("double", "double", 8),
        new("ulong", "ulong", 8),
        new("nint", "nint", 8, 9),
        new("decimal", "decimal", 8),
        new("Box<long>", "global::Fuzz.Model.Box<long>", 8),
        new("Holder.Inner", "global::Fuzz.Model.Holder.Inner", 4),
        new("Color", "global::Fuzz.Model.Color", 1),
        new("Chain", "global::Fuzz.Model.Chain", 8),
        new("System.Guid", "global::System.Guid", 1),
    };

    private readonly Random _random;
    private readonly ulong _seed;
    private readonly LanguageVersion _version;
    private readonly int _level;
    private readonly bool _unsafe;
    private readonly bool _globalAlias;
    private readonly List<WrapperPlan> _wrappers = new();
    private readonly HashSet<string> _containerNamesUsed = new(StringComparer.Ordinal);

    private ProgramSynthesizer(ulong seed)
    {
        _seed = seed;
        _random = Seeds.Random(seed, 1);
        _version = PickVersion(_random);
        _level = Level(_version);
        _unsafe = !_random.Chance(0.08);
        _globalAlias = _level >= 10 && _random.Chance(0.3);
    }

    /// <summary>The C# version number of <paramref name="version"/> (preview counts as one above latest).</summary>
    public static int Level(LanguageVersion version) => version switch
    {
        LanguageVersion.Preview => 13,
        LanguageVersion.Latest or LanguageVersion.LatestMajor => 12,
        _ => (int)version.MapSpecifiedToEffectiveVersion() / 100,
    };

    /// <summary>The program of <paramref name="seed"/>.</summary>
    public static FuzzInput Synthesize(ulong seed) => new ProgramSynthesizer(seed).Build();

    private static LanguageVersion PickVersion(Random random)
    {
        int total = Versions.Sum(v => v.Weight);
        int roll = random.Next(total);
        foreach ((LanguageVersion version, int weight) in Versions)
        {
            if ((roll -= weight) < 0)
            {
                return version;
            }
        }

        return LanguageVersion.Latest;
    }

    private FuzzInput Build()
    {
        int count = 1 + (_random.Chance(0.45) ? 1 : 0) + (_random.Chance(0.2) ? 1 : 0);
        for (int i = 0; i < count; i++)
        {
            _wrappers.Add(PlanWrapper(i));
        }

        var files = new List<FuzzFile> { new(ModelPath, ModelSource()) };
        for (int i = 0; i < _wrappers.Count; i++)
        {
            WrapperPlan wrapper = _wrappers[i];
            for (int part = 0; part < wrapper.Parts; part++)
            {
                files.Add(new FuzzFile($"/fuzz/Wrapper{i}.Part{part}.cs", WrapperSource(wrapper, part)));
            }
        }

        files.Add(new FuzzFile("/fuzz/Uses.cs", new UsageWriter(_random, _wrappers, _unsafe).Write()));
        string origin = $"synthesized C# {_version.ToDisplayString()}{(_unsafe ? string.Empty : " no-unsafe")}: " +
            string.Join(" | ", _wrappers.Select(w => w.Shape));
        return new FuzzInput(_seed, _version, _unsafe, origin, files.ToImmutableArray());
    }

    private WrapperPlan PlanWrapper(int index)
    {
        var wrapper = new WrapperPlan();
        WrapperPlan? previous = index > 0 ? _wrappers[index - 1] : null;
        bool shareContainers = previous is not null && previous.Violation is Violation.None or Violation.NotPartial or Violation.HighOverBudget
            && previous.Containers.Count > 0 && _random.Chance(0.35);
        if (shareContainers)
        {
            // Siblings in the same containers: one generated file reopens them per wrapper, and Fix All merges edits there.
            wrapper.Namespace = previous!.Namespace;
            wrapper.FileScopedNamespace = previous.FileScopedNamespace;
            wrapper.Containers.AddRange(previous.Containers);
        }
        else
        {
            wrapper.Namespace = _random.Pick(Namespaces);
            wrapper.FileScopedNamespace = wrapper.Namespace.Length > 0 && _level >= 10 && _random.Chance(0.5);
            int depth = _random.Chance(0.45) ? 1 + (_random.Chance(0.35) ? 1 : 0) + (_random.Chance(0.15) ? 1 : 0) : 0;
            for (int d = 0; d < depth; d++)
            {
                wrapper.Containers.Add(PlanContainer(wrapper.Containers));
            }
        }

        wrapper.Name = PickWrapperName(wrapper, previous, shareContainers);
        wrapper.TypeParameter = _random.Chance(0.08) ? "TMark" : null;
        wrapper.Access = _random.Chance(0.25) ? "internal" : "public";
        wrapper.Record = _level >= 10 && _random.Chance(0.2);
        wrapper.ReadOnly = _random.Chance(0.5);
        wrapper.Parts = _random.Chance(0.3) ? 2 + (_random.Chance(0.3) ? 1 : 0) : 1;
        wrapper.Leading = _random.Next(6) switch
        {
            0 => "/// <summary>A tagged pointer.</summary>",
            1 => "#region Wrapper",
            _ => null,
        };

        PlanPointerAndFields(wrapper);
        PlanViolation(wrapper, shareContainers);
        PlanMembers(wrapper);
        return wrapper;
    }

    private string PickWrapperName(WrapperPlan wrapper, WrapperPlan? previous, bool sharesContainers)
    {
        if (previous is not null && _random.Chance(0.3))
        {
            // Names that meet again: the same name elsewhere, or a name whose hint name is the previous one's.
            (string first, string second) = _random.Pick(HintCollisions);
            if (sharesContainers || wrapper.Namespace == previous.Namespace)
            {
                if (previous.Name == first || previous.Name == second)
                {
                    return previous.Name == first ? second : first;
                }
            }
            else
            {
                return previous.Name;
            }
        }

        string name = _random.Chance(0.15) ? _random.Pick(HintCollisions).First : _random.Pick(WrapperNames);
        return _wrappers.Any(w => w.Name == name && w.Namespace == wrapper.Namespace) || wrapper.Containers.Any(c => c.Name == name)
            ? name.TrimStart('@') + _wrappers.Count.ToString(CultureInfo.InvariantCulture)
            : name;
    }

    private ContainerPlan PlanContainer(List<ContainerPlan> outer)
    {
        string name = _random.Pick(ContainerNames);
        while (!_containerNamesUsed.Add(name.TrimStart('@')))
        {
            name = name.TrimStart('@') + _containerNamesUsed.Count.ToString(CultureInfo.InvariantCulture);
        }

        var kinds = new List<string> { "partial class", "static partial class", "partial struct", "readonly partial struct", "partial interface", "abstract partial class", "sealed partial class" };
        if (_level >= 9)
        {
            kinds.Add("partial record");
        }

        if (_level >= 10)
        {
            kinds.Add("partial record struct");
        }

        if (_unsafe)
        {
            kinds.Add("unsafe partial class");
        }

        string kind = _random.Pick(kinds);
        var parameters = new List<string>();
        if (!kind.StartsWith("static", StringComparison.Ordinal) && _random.Chance(0.4))
        {
            foreach (string candidate in TypeParameterNames.OrderBy(_ => _random.Next()).Take(1 + (_random.Chance(0.3) ? 1 : 0)))
            {
                if (!outer.Any(container => container.TypeParameters.Contains(candidate)))
                {
                    parameters.Add(candidate);
                }
            }
        }

        string constraints = parameters.Count > 0 && _random.Chance(0.5) ? " where " + parameters[0] + " : unmanaged" : string.Empty;
        string access = _random.Chance(0.3) ? "internal " : "public ";
        return new ContainerPlan(access + kind, name, parameters, constraints);
    }

    private void PlanPointerAndFields(WrapperPlan wrapper)
    {
        var pointees = Pointees.Where(p => p.MinimumLanguageVersion <= _level).ToList();
        foreach (WrapperPlan earlier in _wrappers.Where(w => w.Usable))
        {
            pointees.Add(new Pointee(earlier.Reference, earlier.Reference, 8));
        }

        wrapper.Pointee = _random.Pick(pointees);
        wrapper.GenericForm = _level >= 11 && _random.Chance(0.3);
        string spelling = _random.Next(8) switch
        {
            0 => "global::TaggedPtr.TaggedPointer",
            1 => "TaggedPointerAttribute",
            2 => "TaggedPtr.TaggedPointerAttribute",
            3 => "TP",
            _ => "TaggedPointer",
        };
        wrapper.AttributeHead = wrapper.GenericForm
            ? (spelling == "TP" ? "TaggedPointer" : spelling) + "<" + wrapper.Pointee.TypeOf + ">"
            : spelling + "(typeof(" + wrapper.Pointee.TypeOf + ")";

        (string? scheme, string? schemeType, int highBudget) = _random.Next(10) switch
        {
            0 or 1 => ("TagScheme.LamU48", "LamU48", 15),
            2 or 3 => ("TagScheme.ArmTbi", "ArmTbi", 8),
            4 => ("TagScheme.None", (string?)null, 0),
            5 => ("TagScheme.LamU57", "LamU57", 6),
            _ => ((string?)null, "LamU57", 6),
        };
        wrapper.SchemeType = schemeType;
        if (scheme is not null)
        {
            wrapper.NamedArguments.Add("Scheme = " + scheme);
        }

        int alignment = wrapper.Pointee.Alignment;
        if (_random.Chance(0.25) || (highBudget == 0 && alignment < 2))
        {
            int declared = _random.Pick(new[] { 2, 8, 16, 32, 4096 });
            declared = highBudget == 0 && Math.Max(alignment, declared) < 2 ? 8 : declared;
            wrapper.NamedArguments.Add("Alignment = " + declared.ToString(CultureInfo.InvariantCulture));
            alignment = Math.Max(alignment, declared);
        }

        if (_random.Chance(0.25))
        {
            wrapper.NamedArguments.Add(_random.Chance(0.8) ? "Equality = TagEquality.AddressOnly" : "Equality = TagEquality.FullValue");
        }

        if (_random.Chance(0.5))
        {
            Shuffle(wrapper.NamedArguments);
        }

        int lowBudget = Log2(alignment);
        var names = FieldNames.OrderBy(_ => _random.Next()).Where(n => n != wrapper.Name).ToList();
        int highCount = highBudget == 0 ? 0 : _random.Next(Math.Min(3, highBudget) + 1);
        int lowCount = lowBudget == 0 ? 0 : _random.Next(Math.Min(2, lowBudget) + 1);
        if (highBudget == 0 && lowCount == 0)
        {
            lowCount = 1;
        }

        AddFields(wrapper, names, highCount, highBudget, low: false);
        AddFields(wrapper, names, lowCount, lowBudget, low: true);
        if (wrapper.Fields.Count == 0)
        {
            // No field declared: the generator adds the implicit Tag over every tag bit of the scheme.
            wrapper.Fields.Add(new FieldPlan("Tag", false, string.Empty, "ulong", highBudget, 64, "5"));
        }
    }

    private void AddFields(WrapperPlan wrapper, List<string> names, int count, int budget, bool low)
    {
        int cursor = 0;
        string attribute = low ? "LowTagField" : "TagField";
        for (int i = 0; i < count && cursor < budget; i++)
        {
            int remaining = budget - cursor;
            string name = names[0];
            names.RemoveAt(0);
            var arguments = new List<string> { Quote(name) };
            string valueType;
            string value;
            int bits;
            int storage = 0;
            bool writeBits = true;
            int roll = _random.Next(low ? 3 : 4);
            if (roll == 0)
            {
                arguments.Add("typeof(bool)");
                valueType = "bool";
                value = "true";
                bits = 1;
                writeBits = _random.Chance(0.3);
            }
            else if (roll == 1 && remaining >= 1)
            {
                (string enumName, int needed, int usable, string member) = _random.Pick(new[]
                {
                    ("Color", 1, 8, "Black"), ("Kind", 3, 31, "Deleted"), ("Level", 9, 16, "High"),
                });
                if (needed > remaining)
                {
                    (enumName, needed, usable, member) = ("Color", 1, 8, "Black");
                }

                arguments.Add("typeof(" + (_random.Chance(0.5) ? enumName : "global::Fuzz.Model." + enumName) + ")");
                valueType = "global::Fuzz.Model." + enumName;
                value = valueType + "." + member;
                bits = _random.Chance(0.5) ? needed : needed + _random.Next(Math.Min(remaining, usable) - needed + 1);
                writeBits = bits != needed || _random.Chance(0.3);
            }
            else
            {
                bits = 1 + _random.Next(Math.Min(remaining, 12));
                (string keyword, int width) = bits <= 8 ? ("byte", 8) : bits <= 16 ? ("ushort", 16) : ("uint", 32);
                if (_random.Chance(0.35))
                {
                    (keyword, width) = _random.Pick(new[] { ("byte", 8), ("ushort", 16), ("uint", 32), ("ulong", 64) }.Where(t => t.Item2 >= bits).ToArray());
                    arguments.Add("typeof(" + keyword + ")");
                }

                valueType = keyword;
                storage = width;
                value = _random.Next(1 << Math.Min(bits, 20)).ToString(CultureInfo.InvariantCulture);
            }

            if (writeBits)
            {
                arguments.Add("Bits = " + bits.ToString(CultureInfo.InvariantCulture));
            }

            if (_random.Chance(0.25))
            {
                int gap = _random.Next(remaining - bits + 1);
                cursor += gap;
                arguments.Add("Offset = " + cursor.ToString(CultureInfo.InvariantCulture));
            }

            cursor += bits;
            wrapper.Fields.Add(new FieldPlan(name, low, attribute + "(" + string.Join(", ", arguments) + ")", valueType, bits, storage, value));
        }
    }

    private void PlanViolation(WrapperPlan wrapper, bool sharesContainers)
    {
        bool alone = wrapper.Parts == 1 && !sharesContainers;
        var choices = new List<Violation>();
        if (wrapper.Parts == 1)
        {
            choices.Add(Violation.NotPartial);
        }

        if (alone && wrapper.Containers.Count > 0)
        {
            choices.Add(Violation.ContainerNotPartial);
        }

        if (wrapper.SchemeType is not null)
        {
            choices.Add(Violation.HighOverBudget);
        }

        choices.Add(Violation.LowOverBudget);
        if (_level >= 11 && alone && wrapper.Containers.Count == 0)
        {
            choices.Add(Violation.FileLocal);
        }

        if (_level >= 11 && alone && wrapper.Containers.Count > 0)
        {
            choices.Add(Violation.FileLocalContainer);
        }

        if (!_random.Chance(0.2))
        {
            return;
        }

        wrapper.Violation = _random.Pick(choices);
        switch (wrapper.Violation)
        {
            case Violation.HighOverBudget:
            case Violation.LowOverBudget:
            {
                bool low = wrapper.Violation == Violation.LowOverBudget;
                int used = wrapper.Fields.Where(f => f.Low == low && f.Attribute.Length > 0).Sum(f => f.Bits);
                int budget = low ? Log2(Math.Max(wrapper.Pointee.Alignment, DeclaredAlignment(wrapper))) : SchemeBits(wrapper.SchemeType);
                int bits = Math.Max(1, budget - used) + 1 + _random.Next(3);
                if (!low && wrapper.Fields.Count == 1 && wrapper.Fields[0].Attribute.Length == 0)
                {
                    wrapper.Fields.Clear();
                }

                string name = "Extra";
                wrapper.Fields.Add(new FieldPlan(name, low, (low ? "LowTagField(" : "TagField(") + Quote(name) + ", Bits = " + bits.ToString(CultureInfo.InvariantCulture) + ")", "uint", bits, 32, "0"));
                break;
            }

            case Violation.FileLocal:
                wrapper.Access = "file";
                break;
            case Violation.FileLocalContainer:
            {
                ContainerPlan outermost = wrapper.Containers[0];
                string modifiers = outermost.Modifiers.Replace("public ", "file ", StringComparison.Ordinal).Replace("internal ", "file ", StringComparison.Ordinal);
                wrapper.Containers[0] = outermost with { Modifiers = modifiers };
                break;
            }
        }
    }

    private void PlanMembers(WrapperPlan wrapper)
    {
        if (_random.Chance(0.2))
        {
            wrapper.Members.Add("public const int Answer = 42;");
        }

        if (_random.Chance(0.15))
        {
            wrapper.Members.Add("private static int s_created;");
            wrapper.Members.Add("public static int Created => s_created;");
        }

        if (_random.Chance(0.2))
        {
            wrapper.Members.Add("public string Describe() => \"wrapper\";");
        }

        if (_random.Chance(0.15))
        {
            wrapper.Members.Add("public enum Flavor : byte { Plain = 0, Salty = 1 }");
        }
    }

    private static int DeclaredAlignment(WrapperPlan wrapper)
    {
        string? argument = wrapper.NamedArguments.FirstOrDefault(a => a.StartsWith("Alignment = ", StringComparison.Ordinal));
        return argument is null ? 0 : int.Parse(argument.Substring("Alignment = ".Length), CultureInfo.InvariantCulture);
    }

    private static int SchemeBits(string? schemeType) => schemeType switch
    {
        "LamU48" => 15,
        "ArmTbi" => 8,
        "LamU57" => 6,
        _ => 0,
    };

    private string ModelSource()
    {
        var w = new CodeWriter();
        w.Line("using System.Runtime.InteropServices;");
        if (_globalAlias)
        {
            w.Line("global using TP = TaggedPtr.TaggedPointerAttribute;");
        }

        w.Line();
        w.Open("namespace Fuzz.Model");
        w.Line("public struct Node { public long Value; public ulong Next; }");
        w.Line("public struct Pair { public int Left; public int Right; }");
        w.Line("public struct Small { public byte Value; }");
        w.Line("[StructLayout(LayoutKind.Sequential, Pack = 2)]");
        w.Line("public struct Packed { public long Value; }");
        w.Line("public struct Box<T> where T : unmanaged { public T Value; }");
        w.Line("public static class Holder { public struct Inner { public int Value; } }");
        w.Line("public struct Chain { public Node First; public Pair Second; }");
        w.Line("public enum Color : byte { Red = 0, Black = 1 }");
        w.Line("public enum Kind { Leaf = 0, Branch = 1, Deleted = 7 }");
        w.Line("public enum Level : ushort { Low = 0, High = 300 }");
        w.Line("public enum Wide : ulong { Near = 0, Far = 1UL << 40 }");
        w.Line("public enum Signed : sbyte { Minus = -1, Zero = 0 }");
        w.Line("public static class Widths { public const int Three = 3; public const string Name = \"Named\"; }");
        w.Close();
        return w.ToString();
    }

    private string WrapperSource(WrapperPlan wrapper, int part)
    {
        var w = new CodeWriter();
        w.Line("using TaggedPtr;");
        w.Line("using Fuzz.Model;");
        if (!_globalAlias)
        {
            w.Line("using TP = TaggedPtr.TaggedPointerAttribute;");
        }

        w.Line();
        int opened = 0;
        if (wrapper.Namespace.Length > 0)
        {
            if (wrapper.FileScopedNamespace)
            {
                w.Line("namespace " + wrapper.Namespace + ";").Line();
            }
            else
            {
                w.Open("namespace " + wrapper.Namespace);
                opened++;
            }
        }

        for (int i = 0; i < wrapper.Containers.Count; i++)
        {
            ContainerPlan container = wrapper.Containers[i];
            string modifiers = wrapper.Violation == Violation.ContainerNotPartial && i == wrapper.Containers.Count - 1
                ? container.Modifiers.Replace("partial ", string.Empty, StringComparison.Ordinal)
                : container.Modifiers;
            string constraints = part == 0 ? container.Constraints : string.Empty;
            w.Open((container with { Modifiers = modifiers }).Header + constraints);
            opened++;
        }

        if (wrapper.Leading is { } leading)
        {
            w.Line(leading);
        }

        if (part == 0)
        {
            string arguments = string.Join(", ", wrapper.NamedArguments);
            string head = wrapper.AttributeHead;
            string attribute = wrapper.GenericForm
                ? head + (arguments.Length == 0 ? string.Empty : "(" + arguments + ")")
                : head + (arguments.Length == 0 ? string.Empty : ", " + arguments) + ")";
            w.Line("[" + attribute + "]");
        }

        // Field attributes go to the parts in order (attribute order across parts follows file order), so a layout with
        // explicit offsets stays the same whichever part holds which field.
        List<FieldPlan> declared = wrapper.Fields.Where(f => f.Attribute.Length > 0).ToList();
        for (int i = 0; i < declared.Count; i++)
        {
            if (PartOf(i, declared.Count, wrapper.Parts) == part)
            {
                w.Line("[" + declared[i].Attribute + "]");
            }
        }

        string modifiersOfWrapper = (wrapper.Access == "file" ? "file " : part == 0 || _seed % 2 == 0 ? wrapper.Access + " " : string.Empty)
            + (wrapper.ReadOnly ? "readonly " : string.Empty)
            + (wrapper.Violation == Violation.NotPartial ? string.Empty : "partial ")
            + (wrapper.Record ? "record struct " : "struct ");
        string declaration = modifiersOfWrapper + wrapper.Name + (wrapper.TypeParameter is null ? string.Empty : "<" + wrapper.TypeParameter + ">");
        bool hasMembers = part == 0 && wrapper.Members.Count > 0;
        if (!hasMembers && _level >= 12 && _random.Chance(0.4))
        {
            w.Line(declaration + ";");
        }
        else
        {
            w.Open(declaration);
            if (hasMembers)
            {
                foreach (string member in wrapper.Members)
                {
                    w.Line(member);
                }
            }

            w.Close();
        }

        if (wrapper.Leading == "#region Wrapper")
        {
            w.Line("#endregion");
        }

        for (int i = 0; i < opened; i++)
        {
            w.Close();
        }

        return w.ToString();
    }

    private static int PartOf(int field, int fields, int parts) => fields == 0 ? 0 : field * parts / fields;

    private static string Quote(string name) => "\"" + name + "\"";

    private static int Log2(int value)
    {
        int bits = 0;
        while (value > 1)
        {
            value >>= 1;
            bits++;
        }

        return bits;
    }

    private void Shuffle<T>(List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
