using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TaggedPtr.Analyzers.Tests.Infrastructure;

/// <summary>Runs one analyzer over markup sources (<c>{|TPTR0001:expr|}</c>) and checks exactly the diagnostics marked.</summary>
/// <typeparam name="TAnalyzer">The analyzer under test.</typeparam>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies one source file with unsafe code allowed and the latest language version.</summary>
    public static Task VerifyAsync(string source) => Create(source).RunAsync();

    /// <summary>A configurable test.</summary>
    public static Test Create(string source, bool allowUnsafe = true, LanguageVersion languageVersion = LanguageVersion.Latest, bool runGenerator = false) =>
        new() { TestCode = source, AllowUnsafe = allowUnsafe, LanguageVersion = languageVersion, RunGenerator = runGenerator };

    /// <summary>The test type, with offline references and the runtime.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
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

        /// <summary>
        /// Runs the TaggedPtr generator, so wrappers get their real generated members; the generated files themselves
        /// are checked by the generator's own golden tests, not here.
        /// </summary>
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
