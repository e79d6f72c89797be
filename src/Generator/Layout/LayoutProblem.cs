namespace TaggedPtr.Generator.Layout;

/// <summary>One reason a declaration has no layout, with a message that carries the exact numbers.</summary>
internal sealed class LayoutProblem
{
    /// <summary>A problem.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="message">A complete sentence for the diagnostic, for example "6 tag bits available in LAM_U57, 7 requested".</param>
    /// <param name="fieldIndex">Index of the offending field in <see cref="LayoutRequest.Fields"/>, or -1.</param>
    /// <param name="available">For budget problems, the bits available; otherwise 0.</param>
    /// <param name="requested">For budget problems, the bits requested; otherwise 0.</param>
    public LayoutProblem(LayoutProblemKind kind, string message, int fieldIndex = -1, int available = 0, int requested = 0)
    {
        Kind = kind;
        Message = message;
        FieldIndex = fieldIndex;
        Available = available;
        Requested = requested;
    }

    /// <summary>What is wrong.</summary>
    public LayoutProblemKind Kind { get; }

    /// <summary>The message, without a trailing period.</summary>
    public string Message { get; }

    /// <summary>The offending field's index in the request, or -1 when the problem is not about one field.</summary>
    public int FieldIndex { get; }

    /// <summary>Bits available (budget problems).</summary>
    public int Available { get; }

    /// <summary>Bits requested (budget problems).</summary>
    public int Requested { get; }

    /// <inheritdoc/>
    public override string ToString() => Kind + ": " + Message;
}
