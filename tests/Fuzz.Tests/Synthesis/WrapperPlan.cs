using System.Collections.Generic;
using System.Linq;

namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>Everything about one synthesized wrapper: where it lives, how it is spelled, its fields and its parts.</summary>
internal sealed class WrapperPlan
{
    /// <summary>The namespace as code spells it; empty for the global namespace.</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary>True for <c>namespace X;</c> (C# 10), which takes a whole file.</summary>
    public bool FileScopedNamespace { get; set; }

    /// <summary>Containing types, outermost first.</summary>
    public List<ContainerPlan> Containers { get; } = new();

    /// <summary>The wrapper's name as code spells it.</summary>
    public string Name { get; set; } = "NodePtr";

    /// <summary>A type parameter of the wrapper itself, or null.</summary>
    public string? TypeParameter { get; set; }

    /// <summary>Accessibility keyword.</summary>
    public string Access { get; set; } = "public";

    /// <summary>True for a <c>readonly</c> struct.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>True for a <c>record struct</c> (C# 10).</summary>
    public bool Record { get; set; }

    /// <summary>The attribute's opening, up to the argument list: <c>TaggedPointer(typeof(Node)</c> or <c>TaggedPointer&lt;Node&gt;(</c>.</summary>
    public string AttributeHead { get; set; } = string.Empty;

    /// <summary>True when <see cref="AttributeHead"/> is the generic form (no positional argument).</summary>
    public bool GenericForm { get; set; }

    /// <summary>Named arguments of the wrapper attribute.</summary>
    public List<string> NamedArguments { get; } = new();

    /// <summary>The pointee.</summary>
    public Pointee Pointee { get; set; } = null!;

    /// <summary>The scheme's name in <c>TaggedPtr</c>'s pointer types (<c>LamU57</c>), or null for scheme None.</summary>
    public string? SchemeType { get; set; } = "LamU57";

    /// <summary>The fields in declaration order.</summary>
    public List<FieldPlan> Fields { get; } = new();

    /// <summary>How many files the wrapper's partial declarations are spread over.</summary>
    public int Parts { get; set; } = 1;

    /// <summary>The deliberate mistake, if any.</summary>
    public Violation Violation { get; set; }

    /// <summary>User members written in the first part (never colliding with generated ones).</summary>
    public List<string> Members { get; } = new();

    /// <summary>A line written before each part (a documentation comment, a region), or null.</summary>
    public string? Leading { get; set; }

    /// <summary>True when the generator should emit this wrapper and usage code may call its generated members.</summary>
    public bool Usable => Violation == Violation.None;

    /// <summary>The wrapper as usage code names it: <c>global::</c>, namespace, containers with <c>int</c> arguments.</summary>
    public string Reference
    {
        get
        {
            IEnumerable<string> parts = Containers.Select(container => container.Reference)
                .Append(Name + (TypeParameter is null ? string.Empty : "<int>"));
            return "global::" + (Namespace.Length == 0 ? string.Empty : Namespace + ".") + string.Join(".", parts);
        }
    }

    /// <summary>A short description for the input's origin line.</summary>
    public string Shape =>
        $"{(Namespace.Length == 0 ? "global" : Namespace)}{(FileScopedNamespace ? ";" : string.Empty)}/" +
        string.Join("/", Containers.Select(container => container.Header.Trim())) + (Containers.Count == 0 ? string.Empty : "/") +
        $"{Name} {(Record ? "record " : string.Empty)}{Pointee.TypeOf} {SchemeType ?? "None"} {Fields.Count}f {Parts}p" +
        (Violation == Violation.None ? string.Empty : " " + Violation);
}
