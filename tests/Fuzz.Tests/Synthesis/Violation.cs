namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>A deliberate mistake in an otherwise valid wrapper declaration (valid C#), so the fixes have work.</summary>
internal enum Violation
{
    /// <summary>A correct declaration.</summary>
    None,

    /// <summary>The wrapper is not partial (TPTR0010, make-partial fix).</summary>
    NotPartial,

    /// <summary>A containing type is not partial (TPTR0010 at depth 1 or more).</summary>
    ContainerNotPartial,

    /// <summary>One high field too many bits (TPTR0013, narrow or remove fix).</summary>
    HighOverBudget,

    /// <summary>One low field too many bits (TPTR0014).</summary>
    LowOverBudget,

    /// <summary>The wrapper is a <c>file</c> type (C# 11): the generated part cannot join it.</summary>
    FileLocal,

    /// <summary>The wrapper's outermost container is a <c>file</c> type (C# 11).</summary>
    FileLocalContainer,
}
