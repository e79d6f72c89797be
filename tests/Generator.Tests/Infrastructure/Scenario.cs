using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>A wrapper declaration the tests generate, compile, compare and run.</summary>
/// <param name="Name">The golden file's name.</param>
/// <param name="Source">The user's code (documented, so documentation warnings only come from generated code).</param>
/// <param name="HintName">The file the generator must add.</param>
/// <param name="WrapperMetadataName">The wrapper's CLR name, for reflection.</param>
/// <param name="MinimumVersion">The oldest C# the source itself compiles with.</param>
/// <param name="Fields">The expected layout: name, lowest bit and width of each field.</param>
internal sealed record Scenario(
    string Name,
    string Source,
    string HintName,
    string WrapperMetadataName,
    LanguageVersion MinimumVersion,
    IReadOnlyList<FieldSpec> Fields)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
