using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TaggedPtr.BuildCost;

/// <summary>
/// Loads generator and analyzer assemblies from a package folder, as the compiler would: each set in a load context of
/// its own, resolving its private dependencies from the given folders and Roslyn itself from the host, so both TaggedPtr's
/// and Vogen's components run on this process's Roslyn.
/// </summary>
internal sealed class Components : AssemblyLoadContext
{
    private readonly string[] _folders;

    private Components(string name, string[] folders)
        : base(name, isCollectible: false) => _folders = folders;

    public static Components From(string name, params string[] folders) => new(name, folders);

    public Assembly Load(string fileName) => LoadFromAssemblyPath(Find(fileName));

    /// <summary>Every incremental generator the assembly declares, in a stable order.</summary>
    public static ISourceGenerator[] Generators(Assembly assembly) =>
        Types(assembly)
            .Where(type => type.GetCustomAttributes<GeneratorAttribute>().Any())
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => Activator.CreateInstance(type) switch
            {
                IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                ISourceGenerator generator => generator,
                _ => throw new InvalidOperationException(type.FullName + " is not a generator"),
            })
            .ToArray();

    /// <summary>Every C# analyzer the assembly declares, in a stable order.</summary>
    public static DiagnosticAnalyzer[] Analyzers(Assembly assembly) =>
        Types(assembly)
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract
                && type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToArray();

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Roslyn and the framework come from the host, exactly one copy, as in the compiler server.
        if (assemblyName.Name is null || assemblyName.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            || assemblyName.Name.StartsWith("System.", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (string folder in _folders)
        {
            string candidate = Path.Combine(folder, assemblyName.Name + ".dll");
            if (File.Exists(candidate))
            {
                return LoadFromAssemblyPath(candidate);
            }
        }

        return null;
    }

    private string Find(string fileName)
    {
        foreach (string folder in _folders)
        {
            string candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{fileName} is in none of: {string.Join(", ", _folders)}");
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            // A type that needs an assembly the compiler would not give it (Vogen's code fixes need Workspaces) is skipped,
            // as the compiler skips it.
            return partial.Types.Where(type => type is not null)!;
        }
    }
}
