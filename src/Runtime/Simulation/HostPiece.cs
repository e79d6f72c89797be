namespace TaggedPtr.Simulation;

/// <summary>A run of host bytes that one page of a simulated access maps to.</summary>
internal readonly unsafe struct HostPiece
{
    public HostPiece(byte* host, ulong length)
    {
        Host = host;
        Length = length;
    }

    public byte* Host { get; }

    public ulong Length { get; }
}
