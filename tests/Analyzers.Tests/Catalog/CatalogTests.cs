using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using TaggedPtr.Analyzers.Tests.Infrastructure;

namespace TaggedPtr.Analyzers.Tests.Catalog;

/// <summary>The descriptor catalog, the release tracking file, the docs and the analyzers agree with each other.</summary>
public sealed class CatalogTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToArray();

    [Fact]
    public void IdsAreUniqueAndSequential()
    {
        string[] ids = Descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => "TPTR" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), ids);
    }

    [Fact]
    public void EveryDescriptorLinksToItsPageAndThePageExists()
    {
        string root = RepositoryRoot();
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.Equal("https://github.com/taggedptr/taggedptr/blob/main/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            string page = Path.Combine(root, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), page);
            string text = File.ReadAllText(page);
            Assert.StartsWith("# " + descriptor.Id + ": " + descriptor.Title, text, StringComparison.Ordinal);
            Assert.Contains("dotnet_diagnostic." + descriptor.Id + ".severity", text, StringComparison.Ordinal);
            Assert.Contains("Default severity | " + descriptor.DefaultSeverity, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReleaseTrackingListsEveryRuleWithItsCategoryAndSeverity()
    {
        string unshipped = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryDescriptorIsReportedBySomeAnalyzerAndEveryFixableIdExists()
    {
        var supported = new HashSet<string>(AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id));
        Assert.All(Descriptors, descriptor => Assert.Contains(descriptor.Id, supported));
        foreach (CodeFixProvider fix in AnalyzerHarness.CodeFixes)
        {
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, supported));
            // Every fix takes part in Fix All, in a document, a project and a solution.
            FixAllProvider? fixAll = fix.GetFixAllProvider();
            Assert.NotNull(fixAll);
            Assert.Equal(
                new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution },
                fixAll.GetSupportedFixAllScopes().Where(scope => scope is FixAllScope.Document or FixAllScope.Project or FixAllScope.Solution).OrderBy(scope => scope));
        }
    }

    [Fact]
    public void EveryAnalyzerAndFixInTheAssembliesIsCovered()
    {
        Type[] analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t)).ToArray();
        Type[] fixes = typeof(TaggedPtr.Analyzers.CodeFixes.MakePartialCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)).ToArray();
        Assert.Equal(analyzers.OrderBy(t => t.Name), AnalyzerHarness.Analyzers.Select(a => a.GetType()).OrderBy(t => t.Name));
        Assert.Equal(fixes.OrderBy(t => t.Name), AnalyzerHarness.CodeFixes.Select(f => f.GetType()).OrderBy(t => t.Name));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TaggedPtr.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TaggedPtr.sln not found above " + AppContext.BaseDirectory);
    }
}
