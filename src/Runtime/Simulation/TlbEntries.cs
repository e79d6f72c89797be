using System.Runtime.CompilerServices;

namespace TaggedPtr.Simulation;

/// <summary>The <see cref="TranslationCache.EntryCount"/> entries of a TLB, stored inline.</summary>
[InlineArray(TranslationCache.EntryCount)]
internal struct TlbEntries
{
    private TlbEntry _first;
}
