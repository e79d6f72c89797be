using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TaggedPtr.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer and a code fix: the fix is applied one diagnostic at a time and through Fix All in document,
/// project and solution scope, and every result must equal the expected source.
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer that reports.</typeparam>
/// <typeparam name="TCodeFix">The provider that fixes.</typeparam>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Verifies the fix with the given equivalence key (null: the first action offered).</summary>
    public static Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null) =>
        Create(source, fixedSource, equivalenceKey).RunAsync();

    /// <summary>A configurable test.</summary>
    public static Test Create(string source, string fixedSource, string? equivalenceKey = null) =>
        new() { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };

    /// <summary>The test type, with offline references and the runtime.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        private bool _runGenerator;

        public Test()
        {
            TestReferences.Apply(this, () => AllowUnsafe, () => LanguageVersion);
        }

        /// <summary>Whether the project allows unsafe code.</summary>
        public bool AllowUnsafe { get; set; } = true;

        /// <summary>The project's language version.</summary>
        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        /// <summary>Runs the TaggedPtr generator before and after each fix (its files are checked elsewhere).</summary>
        public bool RunGenerator
        {
            get => _runGenerator;
            set
            {
                _runGenerator = value;
                TestBehaviors = TestGenerators.Behaviors(TestBehaviors, value);
            }
        }

        /// <inheritdoc/>
        protected override IEnumerable<Type> GetSourceGenerators() => TestGenerators.For(_runGenerator);
    }
}
