namespace TaggedPtr.Simulation;

/// <summary>x86-64 paging depth: decides which addresses are canonical and how large user space is.</summary>
public enum PagingMode
{
    /// <summary>4-level paging: 48-bit linear addresses, user space below <c>0x00007FFFFFFFF000</c>.</summary>
    FourLevel = 4,

    /// <summary>5-level paging (LA57): 57-bit linear addresses, user space below <c>0x00FFFFFFFFFFF000</c>.</summary>
    FiveLevel = 5,
}
