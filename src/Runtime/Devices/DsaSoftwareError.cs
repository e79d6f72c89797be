namespace TaggedPtr.Devices;

/// <summary>
/// An entry of the device's software error register (SWERR): an error that has no completion record to go to, such as a
/// misaligned or untranslatable completion record address, or a submission to the wrong kind of work queue.
/// </summary>
/// <param name="Status">The error code.</param>
/// <param name="WorkQueue">The work queue index.</param>
/// <param name="Pasid">The PASID of the descriptor.</param>
/// <param name="Address">The address involved (the completion record address, for example).</param>
/// <param name="Description">What happened.</param>
public sealed record DsaSoftwareError(CompletionStatus Status, int WorkQueue, uint Pasid, ulong Address, string Description);
