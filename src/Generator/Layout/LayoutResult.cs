using System;
using System.Collections.Generic;

namespace TaggedPtr.Generator.Layout;

/// <summary>Either a <see cref="TagLayout"/> or the problems that prevent one.</summary>
internal sealed class LayoutResult
{
    private LayoutResult(TagLayout? layout, IReadOnlyList<LayoutProblem> problems)
    {
        Layout = layout;
        Problems = problems;
    }

    /// <summary>The layout, or null when <see cref="Problems"/> is not empty.</summary>
    public TagLayout? Layout { get; }

    /// <summary>Every problem found, in a stable order (declaration-level first, then by field).</summary>
    public IReadOnlyList<LayoutProblem> Problems { get; }

    /// <summary>True when there is a layout.</summary>
    public bool IsValid => Layout is not null;

    /// <summary>A valid result.</summary>
    public static LayoutResult Success(TagLayout layout) => new(layout, Array.Empty<LayoutProblem>());

    /// <summary>An invalid result.</summary>
    public static LayoutResult Failure(IReadOnlyList<LayoutProblem> problems) => new(null, problems);
}
