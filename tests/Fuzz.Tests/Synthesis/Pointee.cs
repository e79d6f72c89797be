namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>A pointee a synthesized wrapper may use.</summary>
/// <param name="TypeOf">The type as written inside <c>typeof(...)</c> or <c>TaggedPointer&lt;...&gt;</c>.</param>
/// <param name="Reference">The type as usage code names it.</param>
/// <param name="Alignment">Its natural alignment as the generator computes it (1 when it cannot know).</param>
/// <param name="MinimumLanguageVersion">The C# version its spelling needs (8 for any).</param>
internal sealed record Pointee(string TypeOf, string Reference, int Alignment, int MinimumLanguageVersion = 8);
