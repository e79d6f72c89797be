using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Tests.Infrastructure;

/// <summary>Small filters over diagnostic lists.</summary>
internal static class DiagnosticExtensions
{
    /// <summary>Only the errors.</summary>
    public static IEnumerable<Diagnostic> WhereErrors(this IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
}
