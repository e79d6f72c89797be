namespace TaggedPtr.Devices;

/// <summary>How one device access ended.</summary>
internal enum DeviceFault
{
    /// <summary>Translated; the access happened.</summary>
    None,

    /// <summary>The page is mapped but not present and block-on-fault was off: partial completion (status 0x03).</summary>
    NotPresent,

    /// <summary>The page request was answered Invalid: non-canonical (tagged), unmapped, or not permitted (status 0x04).</summary>
    Invalid,
}
