using System.Collections.Generic;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>The outcome of a fuzz run.</summary>
/// <param name="Counts">The totals.</param>
/// <param name="RuleIds">Every TaggedPtr rule the analyzers reported at least once.</param>
/// <param name="Failed">Every failing input with its index, in index order.</param>
internal sealed record FuzzRun(
    FuzzCounts Counts, IReadOnlyCollection<string> RuleIds, IReadOnlyList<(int Index, FuzzInput Input, FuzzResult Result)> Failed);
