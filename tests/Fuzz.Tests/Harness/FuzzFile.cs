namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>One source file of a fuzz input.</summary>
/// <param name="Path">The file path the compilation and the workspace give it (<c>/fuzz/File0.cs</c>).</param>
/// <param name="Text">The source text, possibly broken.</param>
internal sealed record FuzzFile(string Path, string Text);
