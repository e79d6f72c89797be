namespace TaggedPtr;

/// <summary>What <c>==</c>, <c>Equals</c> and <c>GetHashCode</c> of a generated wrapper compare.</summary>
public enum TagEquality
{
    /// <summary>The full 64-bit value: address and every tag field (the default; right for CAS and ABA counters).</summary>
    FullValue = 0,

    /// <summary>The address only: tags are metadata that does not change identity.</summary>
    AddressOnly = 1,
}
