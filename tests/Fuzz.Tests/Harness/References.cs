using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>
/// Offline references: the TaggedPtr runtime built by this repository and the .NET 10 reference assemblies it and the
/// fuzzed programs use. Only those, not the whole framework: every input is a new compilation, and binding against 160
/// assemblies costs more than the program itself.
/// </summary>
internal static class References
{
    private static readonly string[] ProgramAssemblies =
    {
        "System.Runtime", "System.Collections", "System.Runtime.InteropServices", "System.Threading", "System.Memory", "System.Linq",
    };

    /// <summary>The references every input compiles against, created once and shared (metadata is read once).</summary>
    public static ImmutableArray<MetadataReference> All { get; } = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        Assembly runtime = typeof(TagScheme).Assembly;
        var names = new HashSet<string>(ProgramAssemblies, StringComparer.Ordinal);
        names.UnionWith(runtime.GetReferencedAssemblies().Select(name => name.Name!));
        ImmutableArray<MetadataReference> framework = Basic.Reference.Assemblies.Net100.References.All
            .Where(reference => names.Contains(System.IO.Path.GetFileNameWithoutExtension(reference.FilePath ?? string.Empty)))
            .Cast<MetadataReference>()
            .ToImmutableArray();
        return framework.Add(MetadataReference.CreateFromFile(runtime.Location));
    }
}
