namespace TaggedPtr.Generator.Layout;

/// <summary>One member of an enum field's type, with its value split into sign and magnitude.</summary>
internal readonly struct EnumMemberValue
{
    /// <summary>A member.</summary>
    /// <param name="name">The member name, for messages.</param>
    /// <param name="value">The value (for a negative member, its magnitude).</param>
    /// <param name="isNegative">True when the value is below zero (a signed underlying type).</param>
    public EnumMemberValue(string name, ulong value, bool isNegative)
    {
        Name = name;
        Value = value;
        IsNegative = isNegative;
    }

    /// <summary>The member name.</summary>
    public string Name { get; }

    /// <summary>The value, or its magnitude when <see cref="IsNegative"/>.</summary>
    public ulong Value { get; }

    /// <summary>True when the value is below zero; such a member never fits a tag field.</summary>
    public bool IsNegative { get; }
}
