using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Testing;

namespace TaggedPtr.Analyzers.Tests.Infrastructure;

/// <summary>
/// The RunGenerator switch of the analyzer and code-fix tests: the TaggedPtr generator runs, so wrappers get their real
/// generated members; the generated files themselves are checked by the generator's own golden tests, not here.
/// </summary>
internal static class TestGenerators
{
    /// <summary>The generators a test runs.</summary>
    public static IEnumerable<Type> For(bool run) =>
        run ? new[] { typeof(TaggedPtr.Generator.TaggedPointerGenerator) } : Array.Empty<Type>();

    /// <summary>The behaviours of a test that does or does not run the generator.</summary>
    public static TestBehaviors Behaviors(TestBehaviors current, bool run) =>
        run ? current | TestBehaviors.SkipGeneratedSourcesCheck : current & ~TestBehaviors.SkipGeneratedSourcesCheck;
}
