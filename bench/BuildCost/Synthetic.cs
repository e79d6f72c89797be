using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TaggedPtr.BuildCost;

/// <summary>Which generator a synthetic project feeds.</summary>
internal enum Flavor
{
    /// <summary>TaggedPtr's [TaggedPointer] wrappers.</summary>
    TaggedPtr,

    /// <summary>Vogen's [ValueObject] value objects.</summary>
    Vogen,
}

/// <summary>
/// The sources of the synthetic projects. The projects of one flavor differ only in how many declarations they hold,
/// so (build time with N − build time with 0) / N is what one declaration costs the build.
/// </summary>
internal static class Synthetic
{
    /// <summary>The file the incrementality probe edits: it mentions no declaration.</summary>
    public const string UnrelatedFile = "Unrelated.cs";

    /// <summary>Every source file of a project with <paramref name="count"/> declarations, by file name.</summary>
    public static SortedDictionary<string, string> Sources(Flavor flavor, int count)
    {
        var files = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
        {
            ["Node.cs"] = Node,
            [UnrelatedFile] = Unrelated(0),
        };

        // One declaration per file, as a code base keeps its types.
        for (int i = 0; i < count; i++)
        {
            string name = Name(flavor, i);
            files[name + ".cs"] = flavor == Flavor.TaggedPtr ? Wrapper(name) : ValueObject(name);
        }

        return files;
    }

    /// <summary>The unrelated file after the <paramref name="edit"/>th edit: another method body, nothing else.</summary>
    public static string Unrelated(int edit) => $$"""
        namespace Synthetic
        {
            /// <summary>Code that no generator reads.</summary>
            public static class Unrelated
            {
                /// <summary>Some arithmetic.</summary>
                public static int Compute(int x) => x * {{(edit + 2).ToString(CultureInfo.InvariantCulture)}} + 1;
            }
        }
        """;

    public static string Name(Flavor flavor, int index) =>
        (flavor == Flavor.TaggedPtr ? "NodePtr" : "CustomerId") + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The example wrapper: the largest generated shape (three fields, enum, counter, low bit).</summary>
    public static string Wrapper(string name) => $$"""
        using TaggedPtr;

        namespace Synthetic
        {
            [TaggedPointer(typeof(Node))]
            [TagField("Color", typeof(Color), Bits = 1)]
            [TagField("Version", Bits = 5)]
            [LowTagField("Marked", typeof(bool), Bits = 1)]
            public readonly partial struct {{name}}
            {
            }
        }
        """;

    /// <summary>Vogen's everyday declaration, with its default configuration.</summary>
    public static string ValueObject(string name) => $$"""
        using Vogen;

        namespace Synthetic
        {
            [ValueObject<int>]
            public readonly partial struct {{name}}
            {
            }
        }
        """;

    public const string Node = """
        namespace Synthetic
        {
            /// <summary>A list node; 8-byte aligned.</summary>
            public struct Node
            {
                /// <summary>The payload.</summary>
                public long Value;

                /// <summary>The next node.</summary>
                public ulong Next;
            }

            /// <summary>A colour in one bit.</summary>
            public enum Color : byte
            {
                /// <summary>Red.</summary>
                Red,

                /// <summary>Black.</summary>
                Black,
            }
        }
        """;

    /// <summary>The project file: identical for both flavors apart from the one package reference.</summary>
    public static string Project(Flavor flavor, string version, bool withTaggedPtrAnalyzers = true, bool withSdkAnalyzers = true)
    {
        string package = flavor == Flavor.TaggedPtr
            ? $"<PackageReference Include=\"TaggedPtr\" Version=\"{version}\" />"
            : "<PackageReference Include=\"Vogen\" Version=\"8.0.7\" />";
        var text = new StringBuilder();
        text.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        text.AppendLine("  <PropertyGroup>");
        text.AppendLine("    <TargetFramework>net10.0</TargetFramework>");
        text.AppendLine("    <OutputType>Library</OutputType>");
        text.AppendLine("    <Nullable>enable</Nullable>");
        text.AppendLine("    <ImplicitUsings>disable</ImplicitUsings>");
        text.AppendLine("    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>");
        if (!withSdkAnalyzers)
        {
            // The analyzer-cost projects run TaggedPtr's analyzers alone, so the baseline is the compile itself.
            text.AppendLine("    <EnableNETAnalyzers>false</EnableNETAnalyzers>");
        }

        text.AppendLine("  </PropertyGroup>");
        text.AppendLine("  <ItemGroup>");
        text.AppendLine("    " + package);
        text.AppendLine("  </ItemGroup>");
        if (!withTaggedPtrAnalyzers)
        {
            text.AppendLine(DropTaggedPtrAnalyzers);
        }

        text.AppendLine("</Project>");
        return text.ToString();
    }

    /// <summary>Keeps the package's generator but removes its analyzers, for builds that price the analyzers.</summary>
    private const string DropTaggedPtrAnalyzers = """
          <Target Name="DropTaggedPtrAnalyzers" AfterTargets="ResolvePackageDependenciesForBuild;ResolveNuGetPackageAssets">
            <ItemGroup>
              <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'TaggedPtr.Analyzers' or '%(Filename)' == 'TaggedPtr.Analyzers.CodeFixes'" />
            </ItemGroup>
          </Target>
        """;
}
