using System.Collections.Generic;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>The outcome of one input: what it exercised and every broken promise found.</summary>
/// <param name="Counts">What the input exercised.</param>
/// <param name="Failures">One line per failure (component, what happened, where); empty when the input passed.</param>
/// <param name="RuleIds">The TaggedPtr diagnostic IDs the analyzers reported.</param>
internal sealed record FuzzResult(FuzzCounts Counts, IReadOnlyList<string> Failures, IReadOnlyCollection<string> RuleIds);
