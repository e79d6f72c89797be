using Microsoft.CodeAnalysis;

namespace TaggedPtr.Analyzers.Flow;

/// <summary>Receives what the final pass of the taint analysis finds; each operation is reported at most once.</summary>
internal interface ITaintObserver
{
    /// <summary>A value with may-tag bits <paramref name="mask"/> (never 0: an untagged value is no finding) flows into an <c>[SvaBound]</c> member.</summary>
    void OnSink(IOperation value, ulong mask, ISymbol sink, ISymbol? scope);

    /// <summary>A pointer whose bits may hold a tag is dereferenced by <paramref name="dereference"/>.</summary>
    void OnDereference(IOperation pointer, ulong mask, IOperation dereference);
}
